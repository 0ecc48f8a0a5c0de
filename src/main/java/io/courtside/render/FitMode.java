package io.courtside.render;

/** How a source whose aspect ratio differs from the output's is fitted: never stretched. */
public enum FitMode {
    /** Fill the frame, cropping the overflow (the crop window is centred for now). */
    CROP,
    /** Show the whole source, padding the rest with black. */
    PAD
}
