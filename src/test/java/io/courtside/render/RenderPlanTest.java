package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.courtside.analysis.ActionTrack;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.kernel.JobFailure;
import io.courtside.scoreboard.ClockReading;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * The render plan, built from hand-made source facts: no source is opened, no FFmpeg filter or encoder is made
 * (nothing here needs FFmpeg's native libraries).
 */
class RenderPlanTest {

    static final SourceFacts BROADCAST = new SourceFacts(640, 360, 1.0, 25, 30.0);
    static final Path TARGET = Path.of("/tmp/courtside-plan-test/out-0.mp4");
    static final HighlightPlan CLIPS = new HighlightPlan(0, List.of(new Segment(8.2, 10.2), new Segment(3.61, 5.6),
            new Segment(22.0, 23.01)));
    static final Path FONT = Path.of(CommentaryProperties.DEFAULT_FONT);
    static final Map<String, Path> FONTS = CommentaryProperties.defaults().fonts();

    /** Bug at the right edge, bottom: 36-38 until 4.5 s into the source, then OKC scores 4 (the clips skip it). */
    static final ScoreTimeline SCORES = new ScoreTimeline(List.of("SA", "OKC"), new ScoreRegion(0.78, 0.80, 0.2, 0.12),
            List.of(new ScoreState(1.0, Map.of("SA", 36, "OKC", 38), null, "3RD"),
                    new ScoreState(4.5, ordered("SA", 36, "OKC", 42), new Scoring("OKC", 4), "3RD"),
                    new ScoreState(9.0, ordered("SA", 39, "OKC", 42), new Scoring("SA", 3), "3RD")),
            List.of(new ClockReading(3.7, "3RD", "2:59"), new ClockReading(4.7, "3RD", "2:58")),
            List.of(new double[] {20.0, 22.5}));

    static Map<String, Integer> ordered(String a, int x, String b, int y) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put(a, x);
        m.put(b, y);
        return m;
    }

    static RenderRequest request(HighlightPlan plan, RenderSpec spec, Commentary commentary, ScoreTimeline scores,
                                 Map<String, String> names) {
        return new RenderRequest(Path.of("/tmp/source.mp4"), plan, spec, null, commentary, null, scores, names,
                TARGET);
    }

    static final RenderSpec VERTICAL = new RenderSpec(360, 640, FitMode.CROP, "veryfast", 23);

    @Test
    void cutsEachClipOnTheOutputFrameGridAndEncodesAsTheHighlightsAre() {
        RenderPlan plan = RenderPlan.of(request(CLIPS, VERTICAL, null, null, null), BROADCAST, FONTS);
        assertEquals(List.of(new RenderPlan.Cut(CLIPS.segments().get(0), 205, 50),
                new RenderPlan.Cut(CLIPS.segments().get(1), 90, 100),
                new RenderPlan.Cut(CLIPS.segments().get(2), 550, 125)), plan.cuts());
        assertEquals(List.of(0.0, 2.0, 4.0, 5.0), plan.bounds());
        assertEquals(new Fit(360, 640, 202, 360, 640, 360, "scale=360:640,setsar=1"), plan.fit());
        assertEquals("setpts=N/FRAME_RATE/TB,scale=360:640,setsar=1", plan.graph());
        assertEquals(125, plan.plannedFrames());
        assertThat(plan.boundarySamples()).containsExactly(96_000, 192_000);
        EncoderSettings encoder = plan.encoder();
        assertEquals(Map.of("preset", "veryfast", "crf", "23", "profile", "high", "x264-params", "8x8dct=1"),
                encoder.videoOptions(360, false));
        // On an AVX-512 CPU, x264 goes without it at this width (not a multiple of 128), and only there.
        assertEquals("8x8dct=1:asm=AVX2", encoder.videoOptions(360, true).get("x264-params"));
        assertEquals("8x8dct=1", encoder.videoOptions(384, true).get("x264-params"));
        assertEquals(50, encoder.gopFrames(25));
        assertTrue(encoder.fastStart());
        // The synthetic game's settings (SyntheticGame encodes 44.1 kHz audio): no profile, no faststart.
        EncoderSettings game = EncoderSettings.source("veryfast", 18).withSampleRate(44_100);
        assertEquals(List.of("preset", "crf"), List.copyOf(game.videoOptions(360, true).keySet()));
        assertFalse(game.fastStart());
        assertEquals(44_100, game.sampleRate());
        assertEquals(50, game.gopFrames(25));
        assertEquals(ActionTrack.centred(25).centreX(3), plan.action().centreX(3));
        assertEquals(0, plan.cropAt(3)[1]);
        assertEquals(220, plan.cropAt(3)[0], "centred: (640 - 202) / 2, even");
    }

    @Test
    void rejectsWhatCannotBeRenderedBeforeOpeningAnything() {
        JobFailure late = assertThrows(JobFailure.class, () -> RenderPlan.of(request(
                new HighlightPlan(2, List.of(new Segment(31, 33))), VERTICAL, null, null, null), BROADCAST, FONTS));
        assertEquals(JobFailure.RENDER_ERROR, late.code());
        assertThat(late.getMessage()).contains("starts after the end of the source");
        JobFailure odd = assertThrows(JobFailure.class, () -> RenderPlan.of(request(CLIPS,
                new RenderSpec(361, 640, FitMode.CROP, "veryfast", 23), null, null, null), BROADCAST, FONTS));
        assertThat(odd.getMessage()).contains("must be even");
    }

    @Test
    void withoutAScoreTimelineThePlanIsExactlyTodays() {
        Commentary commentary = new Commentary("en", "test/en", FONT, "Spurs vs Thunder",
                List.of(new CommentaryLine(0, 0, 2, "Here we go.")));
        RenderPlan none = RenderPlan.of(request(CLIPS, VERTICAL, commentary, ScoreTimeline.none(), null), BROADCAST,
                FONTS);
        RenderPlan absent = RenderPlan.of(request(CLIPS, VERTICAL, commentary, null, null), BROADCAST, FONTS);
        assertSame(ScoreOverlay.NONE, none.score());
        assertEquals(none.graph(), absent.graph());
        assertThat(none.graph()).contains("y=h*0.16-text_h/2").doesNotContain("score-");
        assertEquals(none.captions(), Captions.plan(commentary, none.bounds(),
                RenderPlan.clipSources(CLIPS, BROADCAST.fps()), 360, 640, RenderSpec.Look.DEFAULT,
                Path.of(TARGET.toAbsolutePath() + "."), 0));
        for (Path file : none.textFiles()) {
            assertFalse(Files.exists(file), "a plan writes nothing: " + file);
        }
    }

    @Test
    void theScoreGraphicFollowsTheScoreAsDisplayedAndTheClockWithinEachClip() {
        RenderPlan plan = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES,
                Map.of("SA", "Spurs", "OKC", "Thunder")), BROADCAST, FONTS);
        List<ScoreOverlay.Piece> pieces = plan.score().pieces();
        // Clip 0 (source 8.2-10.2 at output 0-2): 36-42, SA's 3 at 9.0 s = output 0.8 s.
        // Clip 1 (source 3.6-5.6 at output 2-4): 36-38 until 4.5 s (output 2.9), clock from 3.7 s, 2:58 at 4.7 s.
        // Clip 2 (source 22-23 at output 4-5): the last score, the clock too old to show.
        assertEquals(List.of(
                new ScoreOverlay.Piece(0.0, 0.8, "Spurs 36 - 42 Thunder", "3RD"),
                new ScoreOverlay.Piece(0.8, 2.0, "Spurs 39 - 42 Thunder", "3RD"),
                new ScoreOverlay.Piece(2.0, 2.1, "Spurs 36 - 38 Thunder", "3RD"),
                new ScoreOverlay.Piece(2.1, 2.9, "Spurs 36 - 38 Thunder", "3RD 2:59"),
                new ScoreOverlay.Piece(2.9, 3.1, "Spurs 36 - 42 Thunder", "3RD 2:59"),
                new ScoreOverlay.Piece(3.1, 4.0, "Spurs 36 - 42 Thunder", "3RD 2:58"),
                new ScoreOverlay.Piece(4.0, 5.0, "Spurs 39 - 42 Thunder", "3RD")),
                pieces.stream().map(RenderPlanTest::rounded).toList());
        assertThat(plan.graph()).contains("score-0-0.txt").contains("clock-3-0.txt")
                .contains("enable='between(t,2.9000,3.0999)'");
        assertEquals("Spurs 36 - 42 Thunder", plan.score().texts().get(Path.of(TARGET.toAbsolutePath()
                + ".score-0-0.txt")));
    }

    private static ScoreOverlay.Piece rounded(ScoreOverlay.Piece p) {
        return new ScoreOverlay.Piece(Math.round(p.start() * 1000) / 1000.0, Math.round(p.end() * 1000) / 1000.0,
                p.score(), p.clock());
    }

    @Test
    void longTransferNamesGetARowPerTeam() {
        RenderPlan plan = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES, Map.of("SA", "San Antonio Spurs",
                "OKC", "Oklahoma City Thunder")), BROADCAST, FONTS);
        assertEquals("San Antonio Spurs 36\nOklahoma City Thunder 42", plan.score().pieces().get(0).score());
        assertThat(plan.score().texts().values()).contains("San Antonio Spurs 36", "Oklahoma City Thunder 42");
        // a name too long even for a row of its own: that team by its abbreviation
        RenderPlan longer = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES, Map.of("SA", "San Antonio Spurs",
                "OKC", "The Oklahoma City Thunder Basketball Club")), BROADCAST, FONTS);
        assertEquals("San Antonio Spurs 36\nOKC 42", longer.score().pieces().get(0).score());
        RenderPlan wide = RenderPlan.of(request(CLIPS, new RenderSpec(2160, 1080, FitMode.CROP, "veryfast", 23), null,
                SCORES, Map.of("SA", "San Antonio Spurs", "OKC", "Oklahoma City Thunder")), BROADCAST, FONTS);
        assertEquals("San Antonio Spurs 36 - 42 Oklahoma City Thunder", wide.score().pieces().get(0).score());
    }

    @Test
    void namesTheFontCannotDrawFallBackToTheAbbreviations(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Map<String, String> chinese = Map.of("SA", "马刺", "OKC", "雷霆");
        RenderPlan without = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES, chinese), BROADCAST,
                Map.of("default", FONT, "zh", dir.resolve("missing.ttc")));
        assertEquals("SA 36 - 42 OKC", without.score().pieces().get(0).score());
        assertThat(without.graph()).contains("fontfile=" + FONT);
        Path cjk = Files.writeString(dir.resolve("cjk.ttc"), "a font");
        RenderPlan with = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES, chinese), BROADCAST,
                Map.of("default", FONT, "zh", cjk));
        assertEquals("马刺 36 - 42 雷霆", with.score().pieces().get(0).score());
        assertThat(with.graph()).contains("fontfile=" + Captions.escape(cjk.toString()));
    }

    @Test
    void theGraphicHasABandOfItsOwnClearOfCaptionsAndTitle() {
        Commentary commentary = new Commentary("en", "test/en", FONT, "Indiana Pacers vs Boston Celtics",
                List.of(new CommentaryLine(0, 0, 2, "What a play! The fans love it, all of them, every one!"),
                        new CommentaryLine(1, 2, 4, "Here we go."), new CommentaryLine(2, 4, 5, "Yes.")));
        for (RenderSpec spec : List.of(VERTICAL, new RenderSpec(1080, 1920, FitMode.CROP, "veryfast", 23),
                new RenderSpec(480, 480, FitMode.CROP, "veryfast", 23))) {
            RenderPlan plan = RenderPlan.of(request(CLIPS, spec, commentary, SCORES, Map.of()), BROADCAST, FONTS);
            int h = spec.height();
            int size = Captions.fontSize(spec.look(), spec.width(), h);
            int bottom = plan.score().bottom();
            assertThat(bottom).as("graphic band").isGreaterThan(0).isLessThan((int) (0.2 * h));
            // Captions: centred at 80% of the height, up to three lines.
            double captionTop = 0.80 * h - Captions.blockHalfHeight(3, size);
            assertThat((double) bottom).as(spec + ": the graphic ends above the captions").isLessThan(captionTop);
            // The title card (1.3 x the size, two lines here) moves below the graphic.
            String title = plan.graph().substring(plan.graph().indexOf("title-0.txt"));
            double titleCentre = Double.parseDouble(title.replaceAll("(?s).*?:y=([0-9.]+)-text_h.*", "$1"));
            int titleSize = (int) Math.round(size * 1.3);
            assertThat(titleCentre - 1.7 * titleSize / 2 - titleSize / 2.0 - Math.max(2, titleSize / 4))
                    .as(spec + ": title top below the graphic").isGreaterThanOrEqualTo(bottom);
        }
    }

    @Test
    void onlyAMovingCropCanCutTheBugSoOnlyItGetsTheOverlay() {
        for (RenderSpec spec : List.of(new RenderSpec(360, 640, FitMode.PAD, "veryfast", 23),
                new RenderSpec(360, 640, FitMode.BLUR, "veryfast", 23),
                new RenderSpec(1280, 720, FitMode.CROP, "veryfast", 23))) {
            RenderPlan plan = RenderPlan.of(request(CLIPS, spec, null, SCORES, Map.of()), BROADCAST, FONTS);
            assertSame(ScoreOverlay.NONE, plan.score(), spec.toString());
            assertThat(plan.graph()).doesNotContain("drawtext");
        }
        RenderPlan crop = RenderPlan.of(request(CLIPS, VERTICAL, null, SCORES, Map.of()), BROADCAST, FONTS);
        ScoreOverlay.Cover cover = crop.score().cover();
        // 0.78-0.98 x 0.80-0.92 of 640x360, widened by 6 px (1% of 640), on the even grid; it reaches the right edge.
        assertEquals(new ScoreOverlay.Cover(List.of(always(492, 282, 148, 56)), SCORES.hidden()), cover);
        assertTrue(cover.shownAt(19.9));
        assertFalse(cover.shownAt(21.0), "hidden during the replay: nothing to cover");
        ScoreTimeline unread = new ScoreTimeline(List.of(), null, List.of(), List.of(), List.of());
        assertSame(ScoreOverlay.NONE, RenderPlan.of(request(CLIPS, VERTICAL, null, unread, Map.of()), BROADCAST,
                FONTS).score());
    }

    @Test
    void coveringLeavesNoPixelOfTheBugAndTouchesNothingElse() {
        // A 202x360 crop window at x0 = 412 over a 640x360 source: it cuts the cover (492-640) at 614.
        int cw = 202;
        int ch = 360;
        ScoreOverlay.Cover cover = new ScoreOverlay.Cover(List.of(always(492, 282, 148, 56)), List.of());
        ByteBuffer tight = ByteBuffer.allocate(cw * ch * 3 / 2);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                boolean bug = x + 412 >= 498 && y >= 288 && y < 331;
                tight.put(y * cw + x, (byte) (bug ? (x % 6 < 2 ? 235 : 20) : 100 + (x + y) % 40));
            }
        }
        for (int i = cw * ch; i < tight.capacity(); i++) {
            tight.put(i, (byte) 128);
        }
        ByteBuffer before = ByteBuffer.allocate(tight.capacity()).put(tight.duplicate().clear());
        assertTrue(cover.apply(tight, cw, ch, 412, 0, 12.0));
        int bugLeft = 492 - 412;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int v = tight.get(y * cw + x) & 0xff;
                if (x >= bugLeft && y >= 282 && y < 338) {
                    // each row carries on from the picture left of the cover
                    assertEquals(before.get(y * cw + bugLeft - 1) & 0xff, v, "covered at " + x + "," + y);
                } else {
                    assertEquals(before.get(y * cw + x), tight.get(y * cw + x), "untouched at " + x + "," + y);
                }
            }
        }
        ByteBuffer elsewhere = ByteBuffer.allocate(before.capacity()).put(before.duplicate().clear());
        assertFalse(cover.apply(elsewhere, cw, ch, 0, 0, 12.0), "a window left of the bug has nothing to cover");
        assertEquals(before.clear(), elsewhere.clear());
        // a form covered over [2, 9) of the source only (a bug that changed form): before and after, nothing
        ScoreOverlay.Cover form = new ScoreOverlay.Cover(List.of(new ScoreOverlay.Cover.Patch(492, 282, 148, 56, 2.0,
                9.0)), List.of());
        ByteBuffer later = ByteBuffer.allocate(before.capacity()).put(before.duplicate().clear());
        assertFalse(form.apply(later, cw, ch, 412, 0, 9.0), "the form is gone at 9 s");
        assertFalse(form.apply(later, cw, ch, 412, 0, 1.9), "not yet there at 1.9 s");
        assertEquals(before.clear(), later.clear());
        assertTrue(form.apply(later, cw, ch, 412, 0, 2.0));
        assertEquals(tight.clear(), later.clear(), "while shown, covered as the form shown at all times is");
    }

    /** One rectangle covered at all times (a bug that never changed form). */
    static ScoreOverlay.Cover.Patch always(int x, int y, int width, int height) {
        return new ScoreOverlay.Cover.Patch(x, y, width, height, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Test
    void aBugSpanningTheWholeWindowWidthIsFilledFromTheRowsAboveIt() {
        int cw = 20;
        int ch = 40;
        ScoreOverlay.Cover cover = new ScoreOverlay.Cover(List.of(always(0, 30, 100, 10)), List.of());
        ByteBuffer tight = ByteBuffer.allocate(cw * ch * 3 / 2);
        for (int i = 0; i < cw * ch; i++) {
            tight.put(i, (byte) (i / cw < 30 ? 90 + i % cw : 250));
        }
        assertTrue(cover.apply(tight, cw, ch, 40, 0, 0.0));
        for (int x = 0; x < cw; x++) {
            assertEquals(90 + x, tight.get(35 * cw + x) & 0xff);
        }
        assertNull(ScoreOverlay.clockLine(new ScoreState(0, Map.of("A", 1), null, null), null, 0));
    }

    @Test
    void theClockLineShowsThePeriodTheGamesAndTheClockEachFromItsOwnField() {
        ScoreState tennis = new ScoreState(0, Map.of("A", 15), null, null, "1-0 4-3");
        assertEquals("1-0 4-3", ScoreOverlay.clockLine(tennis, null, 0));
        ScoreState both = new ScoreState(0, Map.of("A", 15), null, "GAME 3", "2-0");
        assertEquals("GAME 3 2-0", ScoreOverlay.clockLine(both, null, 0));
        assertEquals("4TH 2:59", ScoreOverlay.clockLine(new ScoreState(0, Map.of("A", 1), null, "3RD"),
                new ClockReading(1.0, "4TH", "2:59"), 2.0));
        // a period shaped like games is shown as the period it is, once
        assertEquals("1-0", ScoreOverlay.clockLine(new ScoreState(0, Map.of("A", 1), null, "1-0"), null, 0));
    }
}
