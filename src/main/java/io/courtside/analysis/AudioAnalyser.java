package io.courtside.analysis;

import java.nio.FloatBuffer;

/** A signal measured on the audio, fed by the one decode pass in order. */
interface AudioAnalyser {

    /**
     * Interleaved float samples; {@code firstSample} is the sample index (at the source rate) of the first one,
     * from the packet's timestamp, so windows stay placed by time across gaps and priming.
     */
    void samples(FloatBuffer interleaved, int channels, long firstSample);
}
