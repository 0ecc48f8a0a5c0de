package io.courtside.render;

import java.nio.file.Path;

/** A finished highlight file and its facts as written. */
public record RenderedOutput(Path file, double durationSeconds, int width, int height) {
}
