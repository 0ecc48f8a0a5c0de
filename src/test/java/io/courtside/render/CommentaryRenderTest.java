package io.courtside.render;

import static io.courtside.render.TestSources.count;
import static io.courtside.render.TestSources.differ;
import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.VoiceOver;
import io.courtside.commentary.VoiceTrack;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/** Outputs with commentary: exact format, captions burned in, voice over ducked game audio, loudness, sync. */
class CommentaryRenderTest {

    @TempDir
    static Path dir;

    static SyntheticGame.GroundTruth game;
    static final Path LATIN = Path.of(CommentaryProperties.DEFAULT_FONT);
    /** The Chinese caption font the jar ships (Noto Sans SC Bold), no OS font. */
    static final Path CJK = CommentaryProperties.defaults().fontFor("zh");
    final HighlightRenderer renderer = new HighlightRenderer();

    @BeforeAll
    static void writeGame() {
        game = SyntheticGame.Script.basketballDemo().write(dir.resolve("game.mp4"));
    }

    /** Three 3 s clips from quiet stretches of the demo game (baseline crowd only). */
    static final HighlightPlan PLAN = new HighlightPlan(0, List.of(
            new Segment(8.4, 11.4), new Segment(0.2, 3.2), new Segment(17.0, 20.0)));

    static Commentary commentary(Path font, String title, String... lines) {
        List<CommentaryLine> list = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < lines.length; i++) {
            double d = PLAN.segments().get(i).duration();
            list.add(new CommentaryLine(i, at, at + d, lines[i]));
            at += d;
        }
        return new Commentary("en", "test/en", font, title, list);
    }

    static final Commentary ENGLISH = commentary(LATIN, "Indiana Pacers vs Boston Celtics",
            "Here we go.", "Listen to this crowd!", "Fast break, coast to coast!");

    static RenderSpec vertical(boolean normalise) {
        return new RenderSpec(360, 640, FitMode.CROP, "veryfast", 23, new RenderSpec.Look(0.05, 2.0, 0.3),
                new RenderSpec.Mix(-14, -16, -1.5, normalise));
    }

    @Test
    void captionedVoicedOutputHasTheExactFormatAndItsWebVtt() throws Exception {
        VoiceTrack voice = new VoiceOver(CommentaryProperties.defaults()).speak(ENGLISH, PLAN.duration());
        Path out = dir.resolve("full.mp4");
        long t0 = System.nanoTime();
        RenderedOutput rendered = renderer.render(game.file(), PLAN, vertical(true), null, ENGLISH, voice, out,
                StageProgress.NONE);
        System.out.printf("render 360x640 with captions+voice+loudnorm: %.1f s in %.2f s%n",
                rendered.durationSeconds(), (System.nanoTime() - t0) / 1e9);

        HighlightRendererTest.Probe probe = HighlightRendererTest.Probe.of(out, 384, 640);
        probe.assertEncoding(360, 640, PLAN.duration(), 25);
        assertTrue(HighlightRendererTest.moovBeforeMdat(out), "faststart");
        assertEquals(9.0, rendered.durationSeconds(), 1e-9);
        assertEquals(HighlightRenderer.vttOf(out), rendered.captions());
        String vtt = Files.readString(rendered.captions());
        assertThat(vtt).startsWith("WEBVTT\n")
                .contains("00:00:00.000 --> 00:00:02.000\nIndiana Pacers vs Boston\nCeltics")
                .contains("00:00:00.000 --> 00:00:03.000\nHere we go.")
                .contains("00:00:03.000 --> 00:00:06.000\nListen to this crowd!")
                .contains("00:00:06.000 --> 00:00:09.000\nFast break, coast to coast!");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).toList())
                .as("caption text files are removed").isEmpty();

        double lufs = Loudness.integratedLufs(out);
        System.out.printf("integrated loudness %.1f LUFS (target -16)%n", lufs);
        assertEquals(-16, lufs, 2.0, "EBU R128 integrated loudness");
    }

    @Test
    void captionPixelsArePresentAtTheirTimeAndNowhereElse() throws Exception {
        RenderSpec spec = vertical(false);
        Path with = dir.resolve("captioned.mp4");
        Path without = dir.resolve("plain.mp4");
        renderer.render(game.file(), PLAN, spec, null, ENGLISH, VoiceTrack.NONE, with, StageProgress.NONE);
        renderer.render(game.file(), PLAN, spec, null, null, VoiceTrack.NONE, without, StageProgress.NONE);
        int w = 360;
        int h = 640;
        // Frame 100 (4.0 s): the second clip's caption, centred at 80% of the height; no title any more.
        byte[] a = TestSources.luma(with, 100);
        byte[] b = TestSources.luma(without, 100);
        int captionBand = changed(a, b, w, (int) (0.70 * h), (int) (0.90 * h), 40);
        int titleBand = changed(a, b, w, (int) (0.08 * h), (int) (0.25 * h), 40);
        int middle = changed(a, b, w, (int) (0.30 * h), (int) (0.60 * h), 40);
        System.out.printf("changed pixels at 4.0 s: caption band %d, title band %d, middle %d%n",
                captionBand, titleBand, middle);
        assertThat(captionBand).as("caption drawn").isGreaterThan(2000);
        assertThat(titleBand).as("title card gone after 2 s").isLessThan(50);
        assertThat(middle).as("picture untouched").isLessThan(50);
        // Frame 25 (1.0 s): the title card is up.
        assertThat(changed(TestSources.luma(with, 25), TestSources.luma(without, 25), w, (int) (0.08 * h),
                (int) (0.25 * h), 40)).as("title card drawn").isGreaterThan(2000);
    }

    @Test
    void voiceIsAboveTheDuckedGameAudio() throws Exception {
        RenderSpec spec = vertical(false); // levels as mixed, not normalised, so they can be compared
        VoiceTrack voice = new VoiceOver(CommentaryProperties.defaults()).speak(ENGLISH, PLAN.duration());
        // The same placement with the speech taken out: what remains is the ducked game audio.
        List<VoiceTrack.Clip> muted = voice.clips().stream()
                .map(c -> new VoiceTrack.Clip(c.line(), c.start(), new float[c.samples().length])).toList();
        Path voiced = dir.resolve("voiced.mp4");
        Path ducked = dir.resolve("ducked.mp4");
        Path game = dir.resolve("game-only.mp4");
        renderer.render(CommentaryRenderTest.game.file(), PLAN, spec, null, ENGLISH, voice, voiced, StageProgress.NONE);
        renderer.render(CommentaryRenderTest.game.file(), PLAN, spec, null, ENGLISH, new VoiceTrack(48_000, muted),
                ducked, StageProgress.NONE);
        renderer.render(CommentaryRenderTest.game.file(), PLAN, spec, null, ENGLISH, VoiceTrack.NONE, game,
                StageProgress.NONE);
        HighlightRendererTest.Probe v = HighlightRendererTest.Probe.of(voiced, 64, 64);
        HighlightRendererTest.Probe d = HighlightRendererTest.Probe.of(ducked, 64, 64);
        HighlightRendererTest.Probe g = HighlightRendererTest.Probe.of(game, 64, 64);
        for (VoiceTrack.Clip clip : voice.clips()) {
            double from = clip.start() / 48_000.0 + 0.2; // inside the fully ducked part
            double to = clip.end() / 48_000.0 - 0.05;
            double speech = v.rmsDb(from, to);
            double duckedGame = d.rmsDb(from, to);
            double fullGame = g.rmsDb(from, to);
            System.out.printf("line %d %.2f-%.2f s: voice+game %.1f dB, ducked game %.1f dB, game %.1f dB%n",
                    clip.line(), from, to, speech, duckedGame, fullGame);
            assertThat(speech - duckedGame).as("speech above the ducked game").isGreaterThan(15);
            assertEquals(-14, duckedGame - fullGame, 1.5, "game audio ducked by duck-db while the voice speaks");
        }
        // Away from the voice (and from the 0.3 s dips at the clip joins) the game audio is not ducked.
        double after = voice.clips().get(0).end() / 48_000.0 + 0.5;
        if (after < 2.8) {
            assertEquals(g.rmsDb(after, 2.8), d.rmsDb(after, 2.8), 1.0);
        }
    }

    @Test
    void flashAndBeepComeOutTogetherWithinOneFrame() throws Exception {
        SyntheticGame.GroundTruth source = new SyntheticGame.Script(640, 360, 25, List.of(4.0, 4.0, 4.0), List.of())
                .withFlash(6.0, 1).withWhistle(6.0).write(dir.resolve("flash-beep.mp4"));
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(1.0, 3.0), new Segment(5.0, 7.5),
                new Segment(9.0, 10.0)));
        Commentary captions = new Commentary("en", "test/en", LATIN, "Title", List.of(
                new CommentaryLine(0, 0, 2, "One"), new CommentaryLine(1, 2, 4.5, "Two"),
                new CommentaryLine(2, 4.5, 5.5, "Three")));
        Path out = dir.resolve("flash-beep-out.mp4");
        // The whole pipeline: moving crop, captions, transitions, loudness normalisation.
        renderer.render(source.file(), plan, vertical(true), null, captions, VoiceTrack.NONE, out, StageProgress.NONE);
        HighlightRendererTest.Probe probe = HighlightRendererTest.Probe.of(out, 384, 640);
        probe.assertEncoding(360, 640, plan.duration(), 25);
        // 5.5 s is 137.5 frames: the output ends on the frame before, never past the plan (nor MaxDuration).
        assertEquals(137, probe.frames);
        int flash = 0;
        for (int i = 1; i < probe.centreMeans.size(); i++) {
            if (probe.centreMeans.get(i)[0] > probe.centreMeans.get(flash)[0]) {
                flash = i;
            }
        }
        // Onset: the first 10 ms window 20 dB above the 100 ms before it (loudnorm's look-ahead lowers the
        // crowd ahead of the whistle, so a fixed level would not do).
        double beep = Double.NaN;
        for (int i = 260; i < probe.windowPower.size(); i++) {
            double before = probe.rmsDb((i - 10) / 100.0, i / 100.0);
            if (10 * Math.log10(probe.windowPower.get(i)) > before + 20) {
                beep = i / 100.0;
                break;
            }
        }
        System.out.printf("flash at frame %d (%.3f s), beep onset %.3f s; expected 3.000 s%n", flash, flash / 25.0, beep);
        assertEquals(75, flash, "the flash is at output 2.0 + (6.0 - 5.0) s");
        assertEquals(flash / 25.0, beep, 1 / 25.0, "beep within one frame of the flash");
    }

    @Test
    void chineseCaptionsRenderGlyphsNotBoxes() throws Exception {
        Path source = TestSources.flat(dir.resolve("flat.mp4"), 640, 360, 1.0, 128);
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(0, 1.0)));
        boolean[] pacers = captionMask(source, plan, CJK, "印第安纳步行者");
        boolean[] celtics = captionMask(source, plan, CJK, "波士顿凯尔特人");
        boolean[] pacersTofu = captionMask(source, plan, LATIN, "印第安纳步行者"); // DejaVu has no Han glyphs
        boolean[] celticsTofu = captionMask(source, plan, LATIN, "波士顿凯尔特人");
        System.out.printf("text pixels: %d / %d; tofu %d / %d; differ %d, vs tofu %d, tofu vs tofu %d%n",
                count(pacers), count(celtics), count(pacersTofu), count(celticsTofu), differ(pacers, celtics),
                differ(pacers, pacersTofu), differ(pacersTofu, celticsTofu));
        assertThat(count(pacers)).as("glyphs drawn").isGreaterThan(200);
        assertThat(differ(pacers, celtics)).as("two strings, two pictures")
                .isGreaterThan(count(pacers) / 3);
        assertThat(differ(pacers, pacersTofu)).as("not the missing-glyph boxes")
                .isGreaterThan(count(pacers) / 3);
        // The check can tell: boxes of a font without the glyphs look alike whatever the string.
        assertThat(differ(pacersTofu, celticsTofu)).isLessThan(Math.max(10, count(pacersTofu) / 20));
    }

    @Test
    void aMissingFontFailsTheOutputAndLeavesNothing() {
        Commentary broken = new Commentary("en", "test/en", Path.of("/nonexistent/font.ttf"), null,
                List.of(new CommentaryLine(0, 0, 3, "Here we go.")));
        Path out = dir.resolve("no-font.mp4");
        JobFailure failure = assertThrows(JobFailure.class, () -> renderer.render(game.file(),
                new HighlightPlan(0, List.of(new Segment(8.4, 11.4))), vertical(true), null, broken, VoiceTrack.NONE,
                out, StageProgress.NONE));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertThat(failure.getMessage()).contains("/nonexistent/font.ttf").contains("courtside.commentary.fonts");
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(HighlightRenderer.vttOf(out)));
    }

    @Test
    void blurPadShowsTheWholePictureOverABlurredCopy() throws Exception {
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(8.4, 10.4)));
        Path out = dir.resolve("blur.mp4");
        renderer.render(game.file(), plan, new RenderSpec(360, 640, FitMode.BLUR, "veryfast", 23), out,
                StageProgress.NONE);
        HighlightRendererTest.Probe probe = HighlightRendererTest.Probe.of(out, 384, 640);
        probe.assertEncoding(360, 640, plan.duration(), 25);
        SyntheticGame.ScriptedShot shot = game.shotAt(9.0);
        for (int[] yuv : probe.barMeans) { // the top tenth: blurred shot colour, not black
            assertEquals(shot.y(), yuv[0], 20, "blurred background");
        }
    }

    private boolean[] captionMask(Path source, HighlightPlan plan, Path font, String text) throws Exception {
        Commentary c = new Commentary("zh", "test/zh", font, null, List.of(new CommentaryLine(0, 0, 1, text)));
        Path out = dir.resolve("cjk-" + Math.abs((font + text).hashCode()) + ".mp4");
        return TestSources.captionMask(renderer, source, plan, c, out);
    }

    private static int changed(byte[] a, byte[] b, int w, int y0, int y1, int threshold) {
        int n = 0;
        for (int i = y0 * w; i < y1 * w; i++) {
            if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > threshold) {
                n++;
            }
        }
        return n;
    }
}
