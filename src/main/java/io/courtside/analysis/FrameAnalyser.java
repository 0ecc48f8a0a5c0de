package io.courtside.analysis;

/** A signal measured on video frames, fed by the one decode pass in order. */
interface FrameAnalyser {

    /** 1 to see every frame, n to see every n-th (frame index divisible by n). */
    default int frameStep() {
        return 1;
    }

    void frame(SmallFrame frame);
}
