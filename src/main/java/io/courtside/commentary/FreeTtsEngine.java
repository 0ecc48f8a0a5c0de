package io.courtside.commentary;

import java.io.ByteArrayOutputStream;

import javax.sound.sampled.AudioFormat;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;

import io.courtside.kernel.JobFailure;

/**
 * FreeTTS, pure Java and embedded: English only (voice kevin16, 16 kHz). The voice (and its lexicon, the slow
 * part) is loaded on first use and kept; FreeTTS voices are not thread-safe, so lines are spoken one at a time.
 */
public class FreeTtsEngine implements SpeechEngine {

    private final String voiceName;
    private Voice voice;

    public FreeTtsEngine(String voiceName) {
        this.voiceName = voiceName;
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        }
    }

    @Override
    public String name() {
        return "freetts";
    }

    @Override
    public String voice(String language) {
        return voiceName;
    }

    @Override
    public synchronized Pcm speak(String text, String language) {
        if (!language.startsWith("en")) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The FreeTTS voice speaks English only, not '" + language
                    + "': set courtside.commentary.voice.engines." + language + " to espeak-ng.");
        }
        if (voice == null) {
            Voice loaded = VoiceManager.getInstance().getVoice(voiceName);
            if (loaded == null) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "The FreeTTS voice '" + voiceName + "' is not"
                        + " available: set courtside.commentary.voice.freetts-voice to kevin16.");
            }
            loaded.allocate();
            voice = loaded;
        }
        Capture capture = new Capture();
        voice.setAudioPlayer(capture);
        if (!voice.speak(text)) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "FreeTTS could not speak the line \"" + text + "\".");
        }
        return capture.pcm();
    }

    /** An AudioPlayer that keeps the samples instead of playing them. */
    private static final class Capture implements AudioPlayer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);

        Pcm pcm() {
            byte[] b = bytes.toByteArray();
            int size = format.getSampleSizeInBits() / 8;
            int frame = size * format.getChannels();
            short[] samples = new short[b.length / frame];
            for (int i = 0; i < samples.length; i++) {
                int at = i * frame;
                if (size == 1) {
                    samples[i] = (short) (b[at] << 8);
                } else if (format.isBigEndian()) {
                    samples[i] = (short) ((b[at] << 8) | (b[at + 1] & 0xff));
                } else {
                    samples[i] = (short) ((b[at + 1] << 8) | (b[at] & 0xff));
                }
            }
            return new Pcm(samples, Math.round(format.getSampleRate()));
        }

        @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return 1; }
        @Override public void setVolume(float volume) { }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
        @Override public boolean write(byte[] audio, int offset, int length) {
            bytes.write(audio, offset, length);
            return true;
        }
        @Override public void showMetrics() { }
    }
}
