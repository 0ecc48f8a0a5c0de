package io.courtside.analysis;

/** A signal measured on video frames, fed by the one decode pass in order. */
interface FrameAnalyser {

    /** 1 to see every frame, n to see every n-th (frame index divisible by n). */
    default int frameStep() {
        return 1;
    }

    /**
     * How large a picture this analyser needs: {@code scale} times the small frame's width and height
     * (courtside.analysis.frame-width/-height). The decode pass scales once to the largest size any analyser asks
     * for and averages it down for the others, so every scale must divide the largest one.
     */
    default int scale() {
        return 1;
    }

    void frame(SmallFrame frame);
}
