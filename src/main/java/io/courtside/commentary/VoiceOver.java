package io.courtside.commentary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.courtside.kernel.JobFailure;

/**
 * Speaks an output's commentary: each line with the first engine of the language's chain that this machine has
 * (courtside.commentary.voice.engines: flite, then the embedded FreeTTS for English; espeak-ng for the others;
 * see {@link #engineFor}), resampled to 48 kHz, levelled to the same peak, and
 * placed {@code lead-seconds} after its clip starts. A line that would run into the next one starts when the
 * previous one has finished; a line that would run past the end of the output is faded out there.
 */
@Component
public class VoiceOver {

    private static final Logger log = LoggerFactory.getLogger(VoiceOver.class);
    public static final int SAMPLE_RATE = 48_000;
    /** Every line is scaled to this peak (-3 dBFS): the same voice level whatever the engine. */
    private static final double PEAK = 0.708;
    private static final double GAP_SECONDS = 0.1;
    private static final double FADE_SECONDS = 0.05;

    private final CommentaryProperties.Voice properties;
    private final Map<String, SpeechEngine> engines;

    @Autowired
    public VoiceOver(CommentaryProperties properties) {
        this(properties.voice(), engines(properties.voice()));
    }

    /** Every engine Courtside knows, set up from the configuration, by the name the chains use. */
    static Map<String, SpeechEngine> engines(CommentaryProperties.Voice voice) {
        return Map.of(
                "festival", new FestivalEngine(voice.festivalPath(), voice.festivalVoice(),
                        EspeakEngine.DEFAULT_TIMEOUT),
                "flite", new FliteEngine(voice.flitePath(), voice.fliteVoice(), EspeakEngine.DEFAULT_TIMEOUT),
                "freetts", new FreeTtsEngine(voice.freettsVoice()),
                "espeak-ng", new EspeakEngine(voice.espeakPath(), voice.espeakVoices(), voice.speed()));
    }

    public VoiceOver(CommentaryProperties.Voice properties, Map<String, SpeechEngine> engines) {
        this.properties = properties;
        this.engines = Map.copyOf(engines);
    }

    /** The voice track of {@code commentary} for an output {@code outputSeconds} long; NONE when voice is off. */
    public VoiceTrack speak(Commentary commentary, double outputSeconds) {
        if (!properties.enabled() || commentary == null) {
            return VoiceTrack.NONE;
        }
        SpeechEngine engine = engineFor(commentary.language());
        long outputEnd = Math.round(outputSeconds * SAMPLE_RATE);
        List<VoiceTrack.Clip> clips = new ArrayList<>();
        long free = 0;
        for (int index = 0; index < commentary.lines().size(); index++) {
            CommentaryLine line = commentary.lines().get(index);
            SpeechEngine.Pcm pcm = engine.speak(line.text(), commentary.language());
            float[] samples = level(resample(trim(pcm), SAMPLE_RATE));
            long start = Math.max(Math.round((line.start() + properties.leadSeconds()) * SAMPLE_RATE), free);
            if (start >= outputEnd || samples.length == 0) {
                log.warn("Commentary line {} of clip {} (\"{}\") has no room left in the output: captioned, not"
                        + " spoken", index, line.clip(), line.text());
                continue;
            }
            if (start + samples.length > outputEnd) {
                samples = fadeOutAt(samples, (int) (outputEnd - start));
            }
            clips.add(new VoiceTrack.Clip(index, start, samples));
            free = start + samples.length + Math.round(GAP_SECONDS * SAMPLE_RATE);
        }
        return new VoiceTrack(SAMPLE_RATE, clips);
    }

    /**
     * The engine that speaks {@code language} here: the first of its chain whose program and voice this machine
     * has. A JobFailure naming every missing one with its fix when none is there, or naming an unknown engine.
     */
    public SpeechEngine engineFor(String language) {
        List<String> missing = new ArrayList<>();
        for (String name : properties.chainFor(language)) {
            SpeechEngine engine = engines.get(name);
            if (engine == null) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Unknown speech engine '" + name + "' for language '"
                        + language + "': use festival, flite, freetts or espeak-ng in"
                        + " courtside.commentary.voice.engines." + language + ".");
            }
            Optional<String> problem = engine.missing();
            if (problem.isEmpty()) {
                return engine;
            }
            missing.add(problem.get());
        }
        throw new JobFailure(JobFailure.RENDER_ERROR, "No voice for the commentary in '" + language + "': "
                + String.join("; ", missing) + "; or courtside.commentary.voice.enabled=false for captions without a"
                + " voice.");
    }

    /**
     * For readiness: "festival cmu_us_slt_arctic_hts" (the voice that speaks {@code language}), followed by the
     * preferred ones it stands in for and what they miss; or empty with the problems when none can speak.
     */
    public VoiceChoice choiceFor(String language) {
        List<String> missing = new ArrayList<>();
        for (String name : properties.chainFor(language)) {
            SpeechEngine engine = engines.get(name);
            if (engine == null) {
                missing.add("unknown speech engine '" + name + "' in courtside.commentary.voice.engines." + language
                        + " (use festival, flite, freetts or espeak-ng)");
                continue;
            }
            Optional<String> problem = engine.missing();
            if (problem.isEmpty()) {
                return new VoiceChoice(Optional.of(engine.name() + " " + engine.voice(language)), missing);
            }
            missing.add(problem.get());
        }
        return new VoiceChoice(Optional.empty(), missing);
    }

    /** The voice that speaks a language ({@code engine voice}), if any, and what the chain before it misses. */
    public record VoiceChoice(Optional<String> voice, List<String> missing) {
    }

    /** Leading and trailing near-silence off (engines pad lines), so placement means the voice's onset. */
    static SpeechEngine.Pcm trim(SpeechEngine.Pcm pcm) {
        short[] s = pcm.samples();
        int threshold = 328; // -40 dBFS
        int from = 0;
        while (from < s.length && Math.abs(s[from]) < threshold) {
            from++;
        }
        int to = s.length;
        while (to > from && Math.abs(s[to - 1]) < threshold) {
            to--;
        }
        short[] out = new short[to - from];
        System.arraycopy(s, from, out, 0, out.length);
        return new SpeechEngine.Pcm(out, pcm.sampleRate());
    }

    /** Linear-interpolation resampling to {@code rate} (speech is upsampled here: 16/22.05 kHz to 48 kHz). */
    static float[] resample(SpeechEngine.Pcm pcm, int rate) {
        short[] in = pcm.samples();
        if (in.length == 0) {
            return new float[0];
        }
        int n = (int) Math.round(in.length * (double) rate / pcm.sampleRate());
        float[] out = new float[n];
        double step = pcm.sampleRate() / (double) rate;
        for (int i = 0; i < n; i++) {
            double pos = i * step;
            int k = (int) pos;
            double f = pos - k;
            double a = in[Math.min(k, in.length - 1)];
            double b = in[Math.min(k + 1, in.length - 1)];
            out[i] = (float) ((a + (b - a) * f) / 32768.0);
        }
        return out;
    }

    private static float[] level(float[] samples) {
        float peak = 0;
        for (float v : samples) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 0) {
            float gain = (float) (PEAK / peak);
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= gain;
            }
        }
        return samples;
    }

    private static float[] fadeOutAt(float[] samples, int length) {
        float[] out = java.util.Arrays.copyOf(samples, length);
        int fade = Math.min(length, (int) (FADE_SECONDS * SAMPLE_RATE));
        for (int i = 0; i < fade; i++) {
            out[length - 1 - i] *= i / (float) fade;
        }
        return out;
    }
}
