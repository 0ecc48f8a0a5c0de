package io.courtside.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Pairing logo appearances into replays, on the detector's own per-frame signals (motion per frame, thumbnails)
 * fed with a panning picture: live play, then 6-9 s of it replayed at half speed.
 */
class ReplayPairingTest {

    private static final double FPS = 25;
    private static final ReplayBounds BASKETBALL = new ReplayBounds(2.5, 20);

    /** Picture offset (pixels) at output time t: live pans 50 px/s; 12-18 s replays 6-9 s at half speed. */
    private static double offset(double t) {
        return t < 12 || t >= 18 ? 50 * t : 50 * (6 + (t - 12) / 2);
    }

    /** A smooth, non-repeating texture panned by {@code offset}. */
    private static byte[] picture(int w, int h, double offset) {
        byte[] luma = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x + offset;
                double v = 128 + 45 * Math.sin(0.31 * u + 0.2 * y) + 35 * Math.sin(0.113 * u - 0.37 * y)
                        + 25 * Math.sin(0.047 * u + 0.05 * y * Math.sin(0.01 * u));
                luma[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return luma;
    }

    @Test
    void lookAlikesAroundARealReplayDoNotHideIt() {
        AnalysisProperties properties = AnalysisProperties.defaults();
        try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of())) {
            FrameAnalyser changes = detector.frameChanges();
            int w = properties.frameWidth();
            int h = properties.frameHeight();
            for (int i = 0; i < 24 * FPS; i++) {
                double t = i / FPS;
                changes.frame(new SmallFrame(picture(w, h, offset(t)), w, h, i, t));
            }
            // The real replay's logo at 12 and 18 s (centred, strong); a weaker look-alike pair (an ad board, lower
            // right) at 7.8 and 18.2 s around it, alike each other, as far apart as a replay may be.
            List<LogoAppearance> appearances = List.of(
                    appearance(7.8, 0.77, 0.69, 0.66),
                    appearance(12.0, 0.5, 0.43, 0.91),
                    appearance(18.0, 0.5, 0.43, 0.90),
                    appearance(18.2, 0.78, 0.69, 0.66));
            List<Replay> replays = detector.replays(appearances, BASKETBALL);
            assertEquals(1, replays.size(), "" + replays);
            Replay replay = replays.get(0);
            assertEquals(12.0, replay.start(), 1e-9, "" + replay);
            assertEquals(18.0, replay.end(), 1e-9, "" + replay);
            assertTrue(replay.slowdown() < 0.75, "slowed down: " + replay);
            assertTrue(replay.playFound() && replay.playStart() < 9.2 && replay.playEnd() > 5.8,
                    "the replayed live play (6-9 s): " + replay);
        }
    }

    @Test
    void theEndOfOneReplayAndTheEndOfTheNextAreNoReplay() {
        // The logo at 10 s ends an earlier replay (its start was missed), the real replay runs 12-18 s: 10-18 s is
        // within the bounds, alike and slowed down, but the logo at 12 s between says it is two replays' ends.
        AnalysisProperties properties = AnalysisProperties.defaults();
        try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of())) {
            FrameAnalyser changes = detector.frameChanges();
            int w = properties.frameWidth();
            int h = properties.frameHeight();
            for (int i = 0; i < 24 * FPS; i++) {
                double t = i / FPS;
                changes.frame(new SmallFrame(picture(w, h, offset(t)), w, h, i, t));
            }
            List<LogoAppearance> appearances = List.of(
                    appearance(10.0, 0.5, 0.43, 0.7),
                    appearance(12.0, 0.5, 0.43, 0.91),
                    appearance(18.0, 0.5, 0.43, 0.90));
            List<Replay> replays = detector.replays(appearances, BASKETBALL);
            assertEquals(1, replays.size(), "" + replays);
            assertEquals(12.0, replays.get(0).start(), 1e-9, "" + replays);
            assertEquals(18.0, replays.get(0).end(), 1e-9, "" + replays);
        }
    }

    private static LogoAppearance appearance(double middle, double x, double y, double confidence) {
        return new LogoAppearance(middle - 0.3, middle + 0.3, middle, 0, 0.25, x, y, confidence);
    }

    /** The detector fed 24 s of the panning picture (live, 12-18 s replaying 6-9 s at half speed). */
    private static ReplayLogoDetector fed(AnalysisProperties properties) {
        ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of());
        FrameAnalyser changes = detector.frameChanges();
        int w = properties.frameWidth();
        int h = properties.frameHeight();
        for (int i = 0; i < 24 * FPS; i++) {
            double t = i / FPS;
            changes.frame(new SmallFrame(picture(w, h, offset(t)), w, h, i, t));
        }
        return detector;
    }

    @Test
    void liveStretchThenTheReplayAfterItIsNoReplayWhenTheReplaysInLogoIsMissed() {
        // The logo at 8 s ends an earlier replay, the real replay's "in" logo (12 s) was missed, its "out" is at
        // 18 s: 8-18 s is alike, within the bounds and slowed on average (6 s slowed of 10), but its first half is
        // live play at full speed.
        try (ReplayLogoDetector detector = fed(AnalysisProperties.defaults())) {
            List<LogoAppearance> appearances = List.of(
                    appearance(8.0, 0.5, 0.43, 0.9),
                    appearance(18.0, 0.5, 0.43, 0.9));
            assertEquals(List.of(), detector.replays(appearances, BASKETBALL));
        }
    }

    @Test
    void anAppearanceThatPairsWithAnotherInsideAPairSaysItIsTwoReplaysEnds() {
        // 12-18 s is the real replay, its logos centred; a second logo design's wipe (upper left, not alike to
        // them) at 10 and 16 s. The pair 12-18 encloses 16 s, an end of the pair 10-16 (both ends as strong): the
        // broadcast shows replay logos only at replays' ends, so 12-18 s and 10-16 s cannot both be replays.
        try (ReplayLogoDetector detector = fed(AnalysisProperties.defaults())) {
            List<LogoAppearance> appearances = List.of(
                    appearance(10.0, 0.2, 0.2, 0.9),
                    appearance(12.0, 0.5, 0.6, 0.9),
                    appearance(16.0, 0.2, 0.2, 0.9),
                    appearance(18.0, 0.5, 0.6, 0.9));
            List<Replay> replays = detector.replays(appearances, BASKETBALL);
            assertTrue(replays.stream().noneMatch(r -> r.start() == 12.0 && r.end() == 18.0), "" + replays);
        }
    }
}
