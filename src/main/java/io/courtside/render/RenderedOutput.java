package io.courtside.render;

import java.nio.file.Path;

/** A finished highlight file and its facts as written; {@code captions} is its WebVTT file, or null. */
public record RenderedOutput(Path file, double durationSeconds, int width, int height, Path captions) {

    public RenderedOutput(Path file, double durationSeconds, int width, int height) {
        this(file, durationSeconds, width, height, null);
    }
}
