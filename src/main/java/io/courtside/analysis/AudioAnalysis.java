package io.courtside.analysis;

/**
 * The audio of a whole source, measured in one pass that decodes no video (cheap next to the video): a split
 * analysis measures loudness and excitement over the whole game so their baselines run on across range borders.
 * Its tracks are cut to the video's duration when the ranges are joined.
 */
public final class AudioAnalysis {
    final boolean hasAudio;
    final int sampleRate;
    final int channels;
    final LoudnessMeter loudness;
    final ExcitementMeter excitement;

    AudioAnalysis(boolean hasAudio, int sampleRate, int channels, LoudnessMeter loudness, ExcitementMeter excitement) {
        this.hasAudio = hasAudio;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.loudness = loudness;
        this.excitement = excitement;
    }
}
