package io.courtside.render;

/**
 * How one output is encoded. Width and height are even; 0 means "the source's size"
 * (when only one is 0, it follows the source's aspect ratio, rounded to even).
 */
public record RenderSpec(int width, int height, FitMode fit, String x264Preset, int crf) {
}
