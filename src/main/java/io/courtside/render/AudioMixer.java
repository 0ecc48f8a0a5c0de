package io.courtside.render;

import io.courtside.kernel.RenderSpec;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;

import io.courtside.commentary.VoiceTrack;

/**
 * The output's audio, built as the game audio streams in (48 kHz stereo, output timeline): the game audio is
 * ducked while the voice speaks (smooth ramps) and dipped with the picture at clip transitions, the voice is
 * added, and the mix goes through FFmpeg's {@code loudnorm} (EBU R128) in its one-pass dynamic mode before the
 * encoder. loudnorm looks ahead about 3 s, so at the end the mixer feeds silence until every real sample has
 * come out, and keeps exactly as many samples as went in: the audio stays sample-locked to the video.
 */
final class AudioMixer implements AutoCloseable {

    static final int RATE = 48_000;
    static final int CHANNELS = 2;
    /** Ramps of the ducking envelope: down before the voice starts, back up after it ends. */
    private static final double DUCK_ATTACK_SECONDS = 0.15;
    private static final double DUCK_RELEASE_SECONDS = 0.35;
    /** loudnorm's look-ahead, and a margin: fed as silence at the end to flush it. */
    private static final double FLUSH_SECONDS = 3.5;
    private static final int CHUNK = 4_800;

    private final FFmpegFrameRecorder recorder;
    private final FFmpegFrameFilter loudnorm;
    private final List<VoiceTrack.Clip> voice;
    private final float duck;
    private final long attack;
    private final long release;
    private final long[] boundaries;
    private final long halfDip;
    private final short[] mixed = new short[CHUNK * CHANNELS];
    private final ShortBuffer direct = ByteBuffer.allocateDirect(CHUNK * CHANNELS * Short.BYTES)
            .order(ByteOrder.nativeOrder()).asShortBuffer();
    private int voiceIndex;
    private int boundaryIndex;
    private long position;   // samples mixed so far (output timeline)
    private long delivered;  // samples handed to the encoder
    private double peak;

    /**
     * @param boundaries output sample of each clip boundary (where clip k+1 starts), ascending
     * @param dipSamples length of the dip to black at each boundary, in samples (0: none)
     */
    AudioMixer(FFmpegFrameRecorder recorder, VoiceTrack voice, RenderSpec.Mix mix, long[] boundaries, long dipSamples)
            throws FrameFilter.Exception {
        this.recorder = recorder;
        this.voice = voice.clips();
        this.duck = (float) Math.pow(10, mix.duckDb() / 20);
        this.attack = Math.round(DUCK_ATTACK_SECONDS * RATE);
        this.release = Math.round(DUCK_RELEASE_SECONDS * RATE);
        this.boundaries = boundaries;
        this.halfDip = dipSamples / 2;
        if (mix.normalise()) {
            String graph = String.format(Locale.ROOT, "loudnorm=I=%.1f:TP=%.1f:LRA=11,aresample=%d,aformat=sample_fmts=s16:channel_layouts=stereo",
                    mix.loudnessLufs(), mix.truePeakDb(), RATE);
            loudnorm = new FFmpegFrameFilter(graph, CHANNELS);
            loudnorm.setSampleRate(RATE);
            loudnorm.setSampleFormat(AV_SAMPLE_FMT_S16);
            loudnorm.start();
        } else {
            loudnorm = null;
        }
    }

    /** Game audio: {@code frames} interleaved stereo samples from {@code in}'s position. */
    void game(ShortBuffer in, int frames) throws FrameRecorder.Exception, FrameFilter.Exception {
        int offset = in.position();
        int done = 0;
        while (done < frames) {
            int n = Math.min(CHUNK, frames - done);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                float g = gameGain(at);
                float v = voiceAt(at);
                int base = offset + (done + i) * CHANNELS;
                for (int c = 0; c < CHANNELS; c++) {
                    mixed[i * CHANNELS + c] = clip(in.get(base + c) * g + v * 32767f);
                }
            }
            emit(n);
            done += n;
        }
    }

    /** Silence where the source has no audio (the voice still plays over it). */
    void silence(long frames) throws FrameRecorder.Exception, FrameFilter.Exception {
        while (frames > 0) {
            int n = (int) Math.min(CHUNK, frames);
            for (int i = 0; i < n; i++) {
                short v = clip(voiceAt(position + i) * 32767f);
                mixed[i * CHANNELS] = v;
                mixed[i * CHANNELS + 1] = v;
            }
            emit(n);
            frames -= n;
        }
    }

    long position() {
        return position;
    }

    /** Flushes loudnorm: every sample mixed so far reaches the encoder, and not one more. */
    void finish() throws FrameRecorder.Exception, FrameFilter.Exception {
        if (loudnorm == null) {
            return;
        }
        java.util.Arrays.fill(mixed, (short) 0);
        long flush = Math.round(FLUSH_SECONDS * RATE);
        while (delivered < position && flush > 0) {
            int n = (int) Math.min(CHUNK, flush);
            direct.clear();
            direct.put(mixed, 0, n * CHANNELS).flip();
            loudnorm.pushSamples(0, CHANNELS, RATE, AV_SAMPLE_FMT_S16, direct);
            drain();
            flush -= n;
        }
        if (delivered < position) {
            throw new IllegalStateException("loudness normalisation returned " + delivered + " of " + position
                    + " samples");
        }
    }

    /** Largest absolute sample of the mix before normalisation (0-1), for the log. */
    double peak() {
        return peak;
    }

    private void emit(int n) throws FrameRecorder.Exception, FrameFilter.Exception {
        direct.clear();
        direct.put(mixed, 0, n * CHANNELS).flip();
        position += n;
        if (loudnorm == null) {
            recorder.recordSamples(RATE, CHANNELS, direct);
            delivered += n;
            return;
        }
        loudnorm.pushSamples(0, CHANNELS, RATE, AV_SAMPLE_FMT_S16, direct);
        drain();
    }

    private void drain() throws FrameRecorder.Exception, FrameFilter.Exception {
        Frame frame;
        while ((frame = loudnorm.pullSamples()) != null) {
            ShortBuffer out = (ShortBuffer) frame.samples[0];
            int frames = out.limit() / CHANNELS;
            int keep = (int) Math.min(frames, position - delivered);
            if (keep <= 0) {
                continue; // flush padding
            }
            ShortBuffer slice = out.duplicate();
            slice.position(0).limit(keep * CHANNELS);
            recorder.recordSamples(RATE, CHANNELS, slice);
            delivered += keep;
        }
    }

    /** Ducking (while a voice clip plays, with ramps) times the dip at clip transitions. */
    private float gameGain(long at) {
        float g = 1;
        while (voiceIndex < voice.size() && voice.get(voiceIndex).end() + release <= at) {
            voiceIndex++;
        }
        if (voiceIndex < voice.size()) {
            VoiceTrack.Clip clip = voice.get(voiceIndex);
            double depth; // 0 = not ducked, 1 = fully ducked
            if (at < clip.start() - attack) {
                depth = 0;
            } else if (at < clip.start()) {
                depth = (at - (clip.start() - attack)) / (double) attack;
            } else if (at < clip.end()) {
                depth = 1;
            } else {
                depth = 1 - (at - clip.end()) / (double) release;
            }
            g = (float) (1 - depth * (1 - duck));
        }
        if (halfDip > 0) {
            while (boundaryIndex < boundaries.length && boundaries[boundaryIndex] + halfDip <= at) {
                boundaryIndex++;
            }
            if (boundaryIndex < boundaries.length) {
                long distance = Math.abs(at - boundaries[boundaryIndex]);
                if (distance < halfDip) {
                    g *= distance / (float) halfDip;
                }
            }
        }
        return g;
    }

    private float voiceAt(long at) {
        // voiceIndex is kept by gameGain, which runs first for game audio; silence() may run without it
        int i = voiceIndex;
        while (i < voice.size() && voice.get(i).end() <= at) {
            i++;
        }
        if (i < voice.size()) {
            VoiceTrack.Clip clip = voice.get(i);
            if (at >= clip.start()) {
                return clip.samples()[(int) (at - clip.start())];
            }
        }
        return 0;
    }

    private short clip(float v) {
        float a = Math.abs(v) / 32767f;
        if (a > peak) {
            peak = a;
        }
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }

    @Override
    public void close() throws FrameFilter.Exception {
        if (loudnorm != null) {
            loudnorm.close();
        }
    }
}
