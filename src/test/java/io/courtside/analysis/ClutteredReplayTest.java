package io.courtside.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.kernel.StageProgress;

/**
 * Replay logos over real pictures (bench/fetch-test-scenes.sh: real photographs and a real crowd video from
 * Debian's opencv-doc) with crowd and ad-board clutter and look-alike shapes in the logo's colours: a large
 * growing wipe at 85 % opacity around an interpolated slow-motion replay, and a small (10 % of the width) sliding
 * wipe at 70 % opacity, off-centre, around a frame-repeating one; and the same footage without the logo.
 */
public class ClutteredReplayTest {

    /** Replay ends must be within this of the logo appearances' centres. */
    private static final double END_TOLERANCE = 0.6;
    private static final Path SCENES = Path.of("target/test-scenes");
    private static final ReplayBounds BASKETBALL = new ReplayBounds(2.5, 20);

    @TempDir
    static Path dir;
    private static ClutteredReplayScene.Truth withLogo;
    private static ClutteredReplayScene.Truth withoutLogo;
    private static RegisteredMedia logo;

    @BeforeAll
    static void scenes() throws Exception {
        assertTrue(Files.isRegularFile(SCENES.resolve("vtest.avi")),
                "run bench/fetch-test-scenes.sh first (real photos and video from Debian's opencv-doc)");
        Path png = dir.resolve("logo.png");
        ClutteredReplayScene.writeLogo(png);
        logo = new RegisteredMedia(List.of(new RegisteredMedia.Image("logo", png)), List.of(), List.of());
        withLogo = write("with.mp4", true);
        withoutLogo = write("without.mp4", false);
    }

    static ClutteredReplayScene.Truth write(String name, boolean logos) throws Exception {
        return write(name, logos, 0);
    }

    /** The scene with logo design {@code kind} (of ClutteredReplayScene.logo(int)) framing its two replays. */
    static ClutteredReplayScene.Truth write(String name, boolean logos, int kind) throws Exception {
        int w = 480;
        int h = 270;
        ClutteredReplayScene.Source crowd = ClutteredReplayScene.video(SCENES.resolve("vtest.avi"), w, h, 30);
        ClutteredReplayScene.Source building = ClutteredReplayScene.photo(SCENES.resolve("building.jpg"), 0.08, 0.02);
        ClutteredReplayScene.Source fruits = ClutteredReplayScene.photo(SCENES.resolve("fruits.jpg"), 0.12, 0.0);
        ClutteredReplayScene.Source street = ClutteredReplayScene.photo(SCENES.resolve("leuvenA.jpg"), 0.1, 0.03);
        List<ClutteredReplayScene.Segment> segments = List.of(
                new ClutteredReplayScene.Segment(building, 0, 6, 1, false),     // 0-6 live
                new ClutteredReplayScene.Segment(crowd, 0, 8, 1, false),        // 6-14 live crowd
                new ClutteredReplayScene.Segment(crowd, 3, 6, 0.5, false),      // 14-20 replay of 9-12, interpolated
                new ClutteredReplayScene.Segment(fruits, 0, 6, 1, false),       // 20-26 live
                new ClutteredReplayScene.Segment(street, 0, 6, 1, false),       // 26-32 live
                new ClutteredReplayScene.Segment(street, 1, 7, 0.5, true),      // 32-39 replay of 27-30.5, repeated frames
                new ClutteredReplayScene.Segment(crowd, 14, 6, 1, false));      // 39-45 live crowd
        List<ClutteredReplayScene.Wipe> wipes = List.of(
                new ClutteredReplayScene.Wipe(0.3, 0.85, false, 0.5, 0.5),
                new ClutteredReplayScene.Wipe(0.1, 0.7, true, 0.62, 0.4));
        return new ClutteredReplayScene(w, h, 25, true, 7, kind).write(dir.resolve(name), segments,
                logos ? List.of(2, 5) : List.of(), logos ? List.of(1, 4) : List.of(), wipes);
    }

    @Test
    void exactlyTheLogoFramedReplaysAreFoundWithTheirLivePlays() {
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(withLogo.file(), logo, StageProgress.NONE, BASKETBALL);
        assertEquals(withLogo.replays().size(), analysis.replays().size(),
                "replays " + analysis.replays() + " appearances " + analysis.logoAppearances());
        for (int i = 0; i < withLogo.replays().size(); i++) {
            ClutteredReplayScene.ReplayTruth expected = withLogo.replays().get(i);
            Replay found = analysis.replays().get(i);
            assertTrue(Math.abs(found.start() - expected.start()) <= END_TOLERANCE
                    && Math.abs(found.end() - expected.end()) <= END_TOLERANCE, expected + " vs " + found);
            assertTrue(found.confidence() >= AnalysisProperties.defaults().logoMinConfidence(), "" + found);
            assertTrue(found.slowdown() < 0.8, "a slowed-down replay: " + found);
        }
        // The first replay repeats the crowd video at 9-12 s: its live play is found there.
        Replay first = analysis.replays().get(0);
        ClutteredReplayScene.ReplayTruth truth = withLogo.replays().get(0);
        assertTrue(first.playFound() && first.playStart() < truth.playEnd() && first.playEnd() > truth.playStart(),
                "live play " + first.playStart() + "-" + first.playEnd() + " vs " + truth);
        // Appearances: each written one is reported near its time, place and size; none is reported elsewhere.
        for (ClutteredReplayScene.AppearanceTruth a : withLogo.appearances()) {
            assertTrue(analysis.logoAppearances().stream().anyMatch(f -> Math.abs(f.middle() - a.time()) <= 0.5
                            && Math.abs(f.x() - a.x()) < 0.15 && Math.abs(f.y() - a.y()) < 0.15),
                    a + " not in " + analysis.logoAppearances());
        }
        for (LogoAppearance f : analysis.logoAppearances()) {
            assertTrue(withLogo.appearances().stream().anyMatch(a -> Math.abs(f.middle() - a.time()) <= 0.5),
                    "false appearance " + f);
        }
    }

    @Test
    void aPairOutsideTheSportsReplayLengthsIsNoReplay() {
        // The same two logo-framed replays (6 s and 7 s) under a sport whose replays last 2-5 s: none is one, though
        // all four appearances are still reported.
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(withLogo.file(), logo, StageProgress.NONE, new ReplayBounds(2, 5));
        assertEquals(List.of(), analysis.replays());
        assertTrue(analysis.logoAppearances().size() >= 4, "" + analysis.logoAppearances());
    }

    @Test
    void theLogoShownOnABoardInTheSceneMovesWithTheCameraAndFramesNoReplay() throws Exception {
        // The registered logo itself, printed in the arena (an LED board shows it for 0.7 s, twice) while the camera
        // pans, around a slowed-down stretch: template, shape, scales and persistence all agree and it travels, but
        // with the picture around it, as nothing drawn over the picture does. No appearance, no replay.
        ClutteredReplayScene.Source arena = ClutteredReplayScene.photo(SCENES.resolve("building.jpg"), 0.25, 0,
                new double[][] {{5.65, 6.35, 0.5, 0.5, 0.12, 0.85}, {8.65, 9.35, 0.5, 0.5, 0.12, 0.85}});
        List<ClutteredReplayScene.Segment> segments = List.of(
                new ClutteredReplayScene.Segment(arena, 0, 6, 1, false),       // 0-6 live, the board at 5.65-6
                new ClutteredReplayScene.Segment(arena, 6, 6, 0.5, false),     // 6-12 slowed, the board at 11.3-12
                new ClutteredReplayScene.Segment(arena, 9, 5, 1, false));      // 12-17 live, the board to 12.35
        ClutteredReplayScene.Truth board = new ClutteredReplayScene(480, 270, 25, false, 3).write(
                dir.resolve("board.mp4"), segments, List.of(), List.of(), List.of());
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(board.file(), logo, StageProgress.NONE, BASKETBALL);
        assertEquals(List.of(), analysis.logoAppearances());
        assertEquals(List.of(), analysis.replays());
    }

    @Test
    void footageWithoutTheLogoHasNoReplayAndNoAppearance() {
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(withoutLogo.file(), logo, StageProgress.NONE, BASKETBALL);
        assertEquals(List.of(), analysis.replays());
        assertEquals(List.of(), analysis.logoAppearances());
    }

    @Test
    void theLogosShapeInOtherColoursFramesNoReplay() throws Exception {
        // Another logo of the same shape in other colours (the shield turned purple, its white ring and dark
        // triangle as they were) wipes in and out around the same two slowed replays: its grey levels, shape,
        // scales and wipe all pass, its colour does not. No appearance, no replay.
        ClutteredReplayScene.Truth lookAlike = write("look-alike.mp4", true, ClutteredReplayScene.inOtherColours(0));
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(lookAlike.file(), logo, StageProgress.NONE, BASKETBALL);
        assertEquals(List.of(), analysis.logoAppearances());
        assertEquals(List.of(), analysis.replays());
    }
}
