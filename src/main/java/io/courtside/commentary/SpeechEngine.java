package io.courtside.commentary;

/** Turns a line of text into speech. Implementations: {@link FreeTtsEngine} (embedded) and {@link EspeakEngine}. */
public interface SpeechEngine {

    /** Mono 16-bit speech at the engine's own rate. */
    record Pcm(short[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    /** The engine's name as configured (freetts, espeak-ng). */
    String name();

    /**
     * Speaks {@code text} in {@code language}; a {@link io.courtside.kernel.JobFailure} saying what to install or
     * configure when the engine cannot (missing program, language it does not speak).
     */
    Pcm speak(String text, String language);
}
