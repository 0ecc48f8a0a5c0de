package io.courtside.render;

/**
 * What a render plan needs to know of its source, as probed when the runner opens it.
 *
 * @param width           coded picture width, pixels
 * @param height          coded picture height, pixels
 * @param sampleAspect    pixel aspect ratio (1 for square pixels)
 * @param fps             frame rate (the output's too)
 * @param durationSeconds length of the source
 */
record SourceFacts(int width, int height, double sampleAspect, double fps, double durationSeconds) {
}
