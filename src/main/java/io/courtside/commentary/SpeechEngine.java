package io.courtside.commentary;

import java.util.Optional;

/**
 * Turns a line of text into speech. Implementations: {@link FreeTtsEngine} (embedded), {@link FestivalEngine},
 * {@link FliteEngine} and {@link EspeakEngine} (programs); {@link VoiceChain} picks the first one a machine has.
 */
public interface SpeechEngine {

    /** Mono 16-bit speech at the engine's own rate. */
    record Pcm(short[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    /** The engine's name as configured (festival, flite, freetts, espeak-ng). */
    String name();

    /** The voice it speaks {@code language} with, for readiness and logs (e.g. cmu_us_slt_arctic_hts). */
    String voice(String language);

    /** Empty when this machine has what the engine needs; else what is missing and how to install it. */
    default Optional<String> missing() {
        return Optional.empty();
    }

    /**
     * Speaks {@code text} in {@code language}; a {@link io.courtside.kernel.JobFailure} saying what to install or
     * configure when the engine cannot (missing program, language it does not speak).
     */
    Pcm speak(String text, String language);
}
