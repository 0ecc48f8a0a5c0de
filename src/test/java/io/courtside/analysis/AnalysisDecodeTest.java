package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.StageProgress;

/**
 * What the analysis pass lets FFmpeg skip ({@code courtside.analysis.decode.*}), on real files: the deblocking
 * filter is left out of the video decoder, and audio is decoded by its own grabber on its own thread (the same
 * loudness and excitement as when the video loop decodes it, and no thread left behind by a canceled pass).
 */
class AnalysisDecodeTest {

    @TempDir
    static Path dir;

    static Path blocky;
    static SyntheticGame.GroundTruth game;

    @BeforeAll
    static void writeInputs() throws Exception {
        blocky = dir.resolve("blocky.mp4");
        // Noise at a starved bitrate: coarse quantisation, so the encoder's deblocking filter has edges to smooth.
        int w = 320;
        int h = 240;
        SplittableRandom random = new SplittableRandom(13);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(blocky.toFile(), w, h, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(150_000);
            recorder.start();
            for (int f = 0; f < 25; f++) {
                Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 1);
                ByteBuffer pixels = (ByteBuffer) frame.image[0];
                int stride = frame.imageStride;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = (x + 2 * f) * 255 / w / 2 + (y * 127) / h + random.nextInt(60);
                        pixels.put(y * stride + x, (byte) Math.min(255, v));
                    }
                }
                recorder.record(frame, AV_PIX_FMT_GRAY8);
            }
        }
        game = new SyntheticGame.Script(320, 180, 25, List.of(4.0, 5.0, 4.0),
                List.of(new LoudMoment(2.0, 1.5), new LoudMoment(9.5, 2.0))).write(dir.resolve("game.mp4"));
    }

    /** The luma planes of every decoded picture, tightly packed. */
    private static List<byte[]> lumaOf(FFmpegFrameGrabber grabber) throws Exception {
        List<byte[]> pictures = new ArrayList<>();
        try (grabber) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                AVFrame picture = (AVFrame) frame.opaque;
                int w = picture.width();
                byte[] luma = new byte[w * picture.height()];
                for (int y = 0; y < picture.height(); y++) {
                    picture.data(0).position((long) y * picture.linesize(0)).get(luma, y * w, w);
                }
                pictures.add(luma);
            }
        }
        return pictures;
    }

    private static long differingPixels(List<byte[]> a, List<byte[]> b) {
        assertThat(a).hasSameSizeAs(b);
        long differing = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int p = 0; p < a.get(i).length; p++) {
                if (a.get(i)[p] != b.get(i)[p]) {
                    differing++;
                }
            }
        }
        return differing;
    }

    @Test
    void theAnalysisDecoderLeavesTheDeblockingFilterOut() throws Exception {
        List<byte[]> deblocked = lumaOf(GameAnalyzer.videoGrabber(blocky, new DecodeProperties(false, true, DecodeProperties.SkipFrames.NONE)));
        List<byte[]> skipped = lumaOf(GameAnalyzer.videoGrabber(blocky, new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE)));
        List<byte[]> again = lumaOf(GameAnalyzer.videoGrabber(blocky, new DecodeProperties(false, true, DecodeProperties.SkipFrames.NONE)));
        assertThat(deblocked).hasSize(25);
        // Decoding is deterministic: the same settings give the same pictures ...
        assertThat(differingPixels(deblocked, again)).isZero();
        // ... and without the loop filter the block edges the encoder's filter smoothed stay: other pictures.
        long differing = differingPixels(deblocked, skipped);
        System.out.printf("pixels changed by skipping the loop filter: %d of %d%n", differing, 25L * 320 * 240);
        assertThat(differing).isGreaterThan(1000);
        // The configured default is to skip it.
        assertThat(DecodeProperties.defaults().skipLoopFilter()).isTrue();
    }

    @Test
    void audioIsMeasuredOnItsOwnThreadWithTheSameResult() {
        AtomicBoolean audioThreadSeen = new AtomicBoolean();
        StageProgress watching = fraction -> audioThreadSeen.compareAndSet(false, audioThreadAlive());
        GameAnalysis own = new GameAnalyzer(AnalysisProperties.defaults(), new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE))
                .analyze(game.file(), watching);
        GameAnalysis inLoop = new GameAnalyzer(AnalysisProperties.defaults(), new DecodeProperties(true, false, DecodeProperties.SkipFrames.NONE))
                .analyze(game.file(), StageProgress.NONE);
        assertThat(audioThreadSeen).as("a thread named %s decoded the audio during the pass", AudioPass.THREAD_NAME)
                .isTrue();
        assertThat(own.media().hasAudio()).isTrue();
        assertThat(own.loudness().rmsDb()).isNotEmpty().containsExactly(inLoop.loudness().rmsDb());
        assertThat(own.excitement().dbAboveBaseline()).containsExactly(inLoop.excitement().dbAboveBaseline());
        assertThat(own.excitement().baselineDb()).containsExactly(inLoop.excitement().baselineDb());
        assertThat(own.loudness().meanDb(2.2, 3.2)).isGreaterThan(own.loudness().meanDb(5.5, 7.5) + 10);
        assertThat(audioThreadAlive()).isFalse();
    }

    @Test
    void aCanceledPassLeavesNoThreadBehind() {
        AtomicBoolean signalThreadSeen = new AtomicBoolean();
        StageProgress canceling = fraction -> {
            signalThreadSeen.compareAndSet(false, alive(SignalThread.THREAD_NAME));
            if (fraction > 0.2) {
                throw new JobCanceledException("job-1");
            }
        };
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults(), new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE));
        assertThatThrownBy(() -> analyzer.analyze(game.file(), canceling)).isInstanceOf(JobCanceledException.class);
        // (this short game's audio can be decoded before the first progress report, so its thread is not always
        // seen alive here: audioIsMeasuredOnItsOwnThreadWithTheSameResult checks that it runs; this test that it ends)
        assertThat(signalThreadSeen).as("the frame analysers ran on their own thread during the pass").isTrue();
        assertThat(audioThreadAlive()).as("the audio thread ended with the canceled pass").isFalse();
        assertThat(alive(SignalThread.THREAD_NAME)).as("the signals' thread ended with the canceled pass").isFalse();
    }

    private static boolean audioThreadAlive() {
        return alive(AudioPass.THREAD_NAME);
    }

    private static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }
}
