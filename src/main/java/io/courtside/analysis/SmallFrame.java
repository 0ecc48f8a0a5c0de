package io.courtside.analysis;

/**
 * One decoded video frame as the frame analysers see it: FFmpeg's small greyscale picture, tightly packed
 * (row after row, no padding). The decode loop reuses the pixel array: copy what you keep.
 */
record SmallFrame(byte[] luma, int width, int height, int index, double time) {
}
