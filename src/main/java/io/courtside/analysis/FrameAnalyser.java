package io.courtside.analysis;

/** A signal measured on video frames, fed by the one decode pass in order. */
interface FrameAnalyser {

    /** 1 to see every frame, n to see every n-th (frame index divisible by n). */
    default int frameStep() {
        return 1;
    }

    /**
     * How large a picture this analyser needs: {@code scale} times the small frame's width and height
     * (courtside.analysis.frame-width/-height). The decode pass averages the decoder's luma down to it, only on
     * the frames this analyser looks at (see {@link #frameStep()}).
     */
    default int scale() {
        return 1;
    }

    /**
     * False when this analyser needs every frame as decoded: with the skipping decoder
     * ({@code courtside.analysis.decode.skip-frames}) a frame skipped in a quiet stretch reaches the
     * every-frame analysers as the blend of its neighbours ({@link SkippingFrames}), unless one of them says false.
     */
    default boolean takesBlendedFrames() {
        return true;
    }

    void frame(SmallFrame frame);
}
