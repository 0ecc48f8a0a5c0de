package io.courtside.kernel;

/** How a source whose aspect ratio differs from the output's is fitted: never stretched. */
public enum FitMode {
    /** Fill the frame, cropping the overflow; the crop window follows the action (see ActionTrack). */
    CROP,
    /** Show the whole source, padding the rest with black (letterbox / pillarbox). */
    PAD,
    /** Show the whole source over a blurred, zoomed copy of itself instead of black bars. */
    BLUR
}
