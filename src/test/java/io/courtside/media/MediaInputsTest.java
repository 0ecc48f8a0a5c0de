package io.courtside.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every FFmpeg opener honours the service's {@code courtside.media.formats} and {@code courtside.media.codecs}:
 * a source in a decoder outside the list is refused by the probe with a code and a message naming the codec and
 * the setting, and the analyser's grabber cannot decode it either; a container left out of the formats is not
 * opened by the analyser (it used to allow every demuxer of MediaInputs.FORMATS whatever the configuration said).
 */
class MediaInputsTest {

    @TempDir
    static Path dir;
    static Path game;

    @BeforeAll
    static void setUp() throws Exception {
        game = new SyntheticGame.Script(160, 90, 25, List.of(1.0, 1.0), List.of()).write(dir.resolve("game.mp4")).file();
    }

    @AfterEach
    void restoreDefaults() {
        new MediaProbe(MediaProbeTest.DEFAULTS);
    }

    /** The game's pictures re-encoded with {@code codec} into {@code format}. */
    static Path reencode(String name, String format, String codec) throws Exception {
        Path out = dir.resolve(name);
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(game.toFile())) {
            in.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), in.getImageWidth(),
                    in.getImageHeight(), 0)) {
                recorder.setFormat(format);
                recorder.setVideoCodecName(codec);
                recorder.setFrameRate(in.getFrameRate());
                recorder.start();
                Frame frame;
                while ((frame = in.grabImage()) != null) {
                    recorder.record(frame);
                }
            }
        }
        return out;
    }

    @Test
    void aSourceInADecoderOutsideTheListIsRefusedByTheProbeAndCannotBeDecoded() throws Exception {
        Path ffv1 = reencode("lossless.mkv", "matroska", "ffv1");
        MediaProbe probe = new MediaProbe(MediaProbeTest.DEFAULTS);
        assertThatThrownBy(() -> probe.probe(ffv1)).isInstanceOfSatisfying(JobFailure.class, e -> {
            assertThat(e.code()).isEqualTo(JobFailure.CONTENT_BAD);
            assertThat(e.getMessage()).contains("ffv1", "courtside.media.codecs", "video stream");
        });
        // Past the probe too: the analyser's decoder is not opened for it (codec_whitelist).
        assertThatThrownBy(() -> new GameAnalyzer(AnalysisProperties.defaults()).analyze(ffv1, StageProgress.NONE))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo(JobFailure.CONTENT_BAD));
        // The usual H.264 source goes through both.
        assertThat(probe.probe(game).width()).isEqualTo(160);
        assertThat(new GameAnalyzer(AnalysisProperties.defaults()).analyze(game, StageProgress.NONE).shots()).isNotEmpty();
    }

    @Test
    void listingTheCodecAllowsIt() throws Exception {
        Path mpeg4 = reencode("part2.mkv", "matroska", "mpeg4");
        MediaProperties d = MediaProbeTest.DEFAULTS;
        MediaProperties noMpeg4 = new MediaProperties(d.formats(), d.maxDuration(), d.maxWidth(), d.maxHeight(),
                d.maxStreams(), d.maxFrameRate(), d.decodeTimeFactor(), d.decodeTimeGrace(), d.stallTimeout(),
                List.of("h264", "aac"));
        assertThatThrownBy(() -> new MediaProbe(noMpeg4).probe(mpeg4)).isInstanceOf(JobFailure.class)
                .hasMessageContaining("mpeg4");
        assertThatThrownBy(() -> new GameAnalyzer(AnalysisProperties.defaults()).analyze(mpeg4, StageProgress.NONE))
                .isInstanceOf(JobFailure.class);
        assertThat(new MediaProbe(d).probe(mpeg4).format()).contains("matroska");
        assertThat(new GameAnalyzer(AnalysisProperties.defaults()).analyze(mpeg4, StageProgress.NONE).shots()).isNotEmpty();
    }

    @Test
    void theAnalyserOpensOnlyTheConfiguredFormats() throws Exception {
        Path mkv = reencode("game.mkv", "matroska", "mpeg4");
        MediaProperties d = MediaProbeTest.DEFAULTS;
        MediaProperties mp4Only = new MediaProperties(List.of("mov", "mp4"), d.maxDuration(), d.maxWidth(),
                d.maxHeight(), d.maxStreams(), d.maxFrameRate(), d.decodeTimeFactor(), d.decodeTimeGrace(),
                d.stallTimeout());
        new MediaProbe(mp4Only); // the service's configuration, as at start-up
        assertThatThrownBy(() -> new GameAnalyzer(AnalysisProperties.defaults()).analyze(mkv, StageProgress.NONE))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo(JobFailure.CONTENT_BAD));
        assertThat(new GameAnalyzer(AnalysisProperties.defaults()).analyze(game, StageProgress.NONE).shots()).isNotEmpty();
        new MediaProbe(d);
        assertThat(new GameAnalyzer(AnalysisProperties.defaults()).analyze(mkv, StageProgress.NONE).shots()).isNotEmpty();
    }
}
