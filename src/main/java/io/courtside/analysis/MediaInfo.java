package io.courtside.analysis;

/** What the decoder found in the source file. */
public record MediaInfo(double durationSeconds, double frameRate, int width, int height,
                        boolean hasAudio, int sampleRate, int audioChannels) {
}
