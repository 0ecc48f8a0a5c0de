package io.courtside.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.kernel.FitMode;
import io.courtside.render.HighlightRenderer;
import io.courtside.kernel.RenderSpec;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe refuses what must not be decoded: playlists and concat lists posing as .mp4 (without FFmpeg opening
 * anything they name: a local HTTP server counts requests), and sources over each limit. The analyzer and the
 * renderer open sources the same guarded way, and the decode budget stops a pass that runs too long.
 */
class MediaProbeTest {

    static final MediaProperties DEFAULTS = limits(14_400, 7680, 4320, 16, 240);

    @TempDir
    static Path dir;
    static Path game;
    static HttpServer web;
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void setUp() throws Exception {
        game = new SyntheticGame.Script(160, 90, 25, List.of(1.0, 1.0), List.of()).write(dir.resolve("real.mp4")).file();
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = Files.readAllBytes(game);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
    }

    @AfterAll
    static void tearDown() {
        web.stop(0);
    }

    static MediaProperties limits(long maxSeconds, int maxWidth, int maxHeight, int maxStreams, double maxFps) {
        return new MediaProperties(List.of("mov", "mp4", "m4a", "3gp", "matroska", "webm", "mpegts", "flv", "avi"),
                Duration.ofSeconds(maxSeconds), maxWidth, maxHeight, maxStreams, maxFps, 10, Duration.ofSeconds(60),
                Duration.ofMinutes(2));
    }

    @Test
    void aGoodSourceIsDescribed() {
        ProbedMedia media = new MediaProbe(DEFAULTS).probe(game);
        assertThat(media.format()).contains("mp4");
        assertThat(media.width()).isEqualTo(160);
        assertThat(media.height()).isEqualTo(90);
        assertThat(media.frameRate()).isEqualTo(25.0);
        assertThat(media.durationSeconds()).isBetween(1.9, 2.2);
        assertThat(media.streams()).isEqualTo(2);
    }

    @Test
    void playlistsAndConcatListsNamedMp4OpenNothing() throws Exception {
        String http = "http://127.0.0.1:" + web.getAddress().getPort();
        Files.copy(game, dir.resolve("other.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> posing = List.of(
                "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n" + http + "/seg.ts\n#EXT-X-ENDLIST\n",
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nother.mp4\n#EXTINF:2.0,\n" + dir.resolve("other.mp4")
                        + "\n#EXT-X-ENDLIST\n",
                "ffconcat version 1.0\nfile other.mp4\n",
                "ffconcat version 1.0\nfile " + http + "/game.mp4\n",
                "<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\"><Period><AdaptationSet>"
                        + "<Representation id=\"1\" bandwidth=\"1\"><BaseURL>" + http + "/game.mp4</BaseURL></Representation>"
                        + "</AdaptationSet></Period></MPD>\n");
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        HighlightRenderer renderer = new HighlightRenderer();
        int i = 0;
        for (String content : posing) {
            Path fake = dir.resolve("posing-" + i++).resolve("game.mp4");
            Files.createDirectories(fake.getParent());
            Files.copy(dir.resolve("other.mp4"), fake.resolveSibling("other.mp4"));
            Files.writeString(fake, content);
            assertThatThrownBy(() -> new MediaProbe(DEFAULTS).probe(fake)).as(content)
                    .isInstanceOfSatisfying(JobFailure.class, f -> {
                        assertThat(f.code()).isEqualTo(JobFailure.CONTENT_BAD);
                        assertThat(f.getMessage()).contains("not a video in an accepted container");
                    });
            // The decode pass and the renderer are guarded the same way, probe or not.
            assertThatThrownBy(() -> analyzer.analyze(fake, StageProgress.NONE)).as(content)
                    .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(JobFailure.CONTENT_BAD));
            assertThatThrownBy(() -> renderer.render(fake, new HighlightPlan(0, List.of(new Segment(0, 1, "test", null))),
                    new RenderSpec(160, 90, FitMode.CROP, "ultrafast", 30), fake.resolveSibling("out.mp4"),
                    StageProgress.NONE)).as(content).isInstanceOf(JobFailure.class);
            assertThat(fake.resolveSibling("out.mp4")).doesNotExist();
        }
        assertThat(requests.get()).as("requests that reached the web server").isZero();
    }

    @Test
    void sourcesOverALimitAreRefusedNamingTheSetting() {
        assertRefused(limits(1, 7680, 4320, 16, 240), "courtside.media.max-duration");
        assertRefused(limits(14_400, 128, 4320, 16, 240), "courtside.media.max-width/max-height");
        assertRefused(limits(14_400, 7680, 64, 16, 240), "courtside.media.max-width/max-height");
        assertRefused(limits(14_400, 7680, 4320, 1, 240), "courtside.media.max-streams");
        assertRefused(limits(14_400, 7680, 4320, 16, 24), "courtside.media.max-frame-rate");
    }

    @Test
    void emptyAudioOnlyAndNoiseFilesAreRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path noise = dir.resolve("noise.mp4");
        byte[] bytes = new byte[100_000];
        new java.util.Random(3).nextBytes(bytes);
        Files.write(noise, bytes);
        Path audioOnly = dir.resolve("audio.m4a");
        SyntheticGame.GroundTruth withAudio = new SyntheticGame.Script(160, 90, 25, List.of(1.0), List.of())
                .write(dir.resolve("a.mp4"));
        new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", withAudio.file().toString(), "-vn", "-c", "copy",
                audioOnly.toString()).inheritIO().start().waitFor();
        for (Path bad : List.of(empty, noise, audioOnly)) {
            assertThatThrownBy(() -> new MediaProbe(DEFAULTS).probe(bad)).as(bad.toString())
                    .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(JobFailure.CONTENT_BAD));
        }
    }

    @Test
    void aDecodePassOverItsBudgetFailsTheJob() {
        MediaProperties tight = new MediaProperties(DEFAULTS.formats(), DEFAULTS.maxDuration(), 7680, 4320, 16, 240,
                0.001, Duration.ZERO, Duration.ofMinutes(2));
        DecodeBudget budget = new DecodeBudget(tight, NativeStallWatchdogTest.recording());
        long started = System.nanoTime();
        assertThatThrownBy(() -> new GameAnalyzer(AnalysisProperties.defaults()).analyze(game,
                budget.bound(fraction -> sleep(), 2.0)))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(DecodeBudget.DECODE_TIMEOUT);
                    assertThat(f.getMessage()).contains("courtside.media.decode-time-factor");
                });
        assertThat((System.nanoTime() - started) / 1e9).as("stopped early, not after the whole pass").isLessThan(5);
        // Within budget, nothing changes.
        new GameAnalyzer(AnalysisProperties.defaults()).analyze(game, new DecodeBudget(DEFAULTS, NativeStallWatchdogTest.recording()).bound(StageProgress.NONE, 2.0));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertRefused(MediaProperties limits, String setting) {
        assertThatThrownBy(() -> new MediaProbe(limits).probe(game))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(JobFailure.CONTENT_BAD);
                    assertThat(f.getMessage()).contains(setting);
                });
    }
}
