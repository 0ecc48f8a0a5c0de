package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.media.DecodeBudget;
import io.courtside.media.MediaProperties;
import io.courtside.media.NativeStallWatchdog;
import io.courtside.scoreboard.BugLayout;

/**
 * A game analysed in ranges (each decoded on its own with a margin, as workers do it) and joined gives the one-pass
 * timeline: the same shots to the frame, transitions, motion, action track, replays, player sightings, logo
 * appearances, loudness and excitement. The ranges' borders fall on the game's hard spots: a cut exactly at 9.0 s
 * with a replay logo flying over it (the replay 9-12 s starts in one range and ends in the next), a dissolve
 * centred at 18.0 s, and a cut plus logo at 27.0 s.
 */
class SplitAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void rangesJoinedEqualTheOnePassTimeline() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        RegisteredMedia registered = ReplayAndPlayerTest.astronautAndLogo(dir);
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties);
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());

        GameAnalysis onePass = analyzer.analyze(truth.file(), registered, StageProgress.NONE, bounds);

        List<TimeRange> ranges = TimeRange.split(truth.durationSeconds(), 9.0);
        assertThat(ranges).hasSize(4);
        assertThat(ranges.get(1).from()).isEqualTo(9.0);
        List<RangeAnalysis> parts = new ArrayList<>();
        List<TimeRange> reversed = new ArrayList<>(ranges);
        java.util.Collections.reverse(reversed);
        for (TimeRange range : reversed) { // any order: each range stands alone
            parts.add(analyzer.analyzeRange(truth.file(), registered, range, 5.0, StageProgress.NONE));
        }
        GameAnalysis split = analyzer.merge(parts, analyzer.analyzeAudio(truth.file()), bounds);

        // The game has what makes borders hard, found by the one pass (else the comparison proves little).
        assertThat(onePass.shots().stream().map(Shot::start)).anySatisfy(t -> assertThat(t).isEqualTo(9.0));
        assertThat(onePass.replays()).hasSize(2);
        assertThat(onePass.replays().get(0).start()).isLessThan(9.2);
        assertThat(onePass.transitions()).anySatisfy(t -> assertThat(t.kind()).isEqualTo(Transition.Kind.DISSOLVE));
        assertThat(onePass.players()).isNotEmpty();

        assertThat(split.shots()).as("shots to the frame").isEqualTo(onePass.shots());
        assertThat(split.transitions()).isEqualTo(onePass.transitions());
        assertThat(split.motion()).isEqualTo(onePass.motion());
        assertThat(split.replays()).isEqualTo(onePass.replays()); // records: doubles compared exactly, NaN too
        assertThat(split.logoAppearances()).isEqualTo(onePass.logoAppearances());
        assertThat(split.players()).isEqualTo(onePass.players());
        assertThat(split.loudness().rmsDb()).isEqualTo(onePass.loudness().rmsDb());
        assertThat(split.excitement()).usingRecursiveComparison().isEqualTo(onePass.excitement());
        assertThat(split.action()).usingRecursiveComparison().isEqualTo(onePass.action());
        // and everything else (media facts, score timeline, warnings), exactly
        assertThat(split).usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);
    }

    /**
     * The e2e bench's looped input has a frame whose timestamp rounds onto its predecessor's frame index: the one
     * pass counts it as the next frame, and a range must too (it refused the input as "not evenly spaced", failing
     * the job). The same game remuxed with a few frames' timestamps shifted by half a frame or more, early and late,
     * near each range border (in both neighbouring ranges' margins, and one on a border's first frame): the ranges
     * joined still give the one-pass timeline exactly.
     */
    @Test
    void jitteredTimestampsNearBordersJoinAsTheOnePass() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        // the frame at this time, shift in frames: early ones land on the predecessor's index, late ones on the
        // successor's; 9.0 s is range 1's first frame, moved into range 0
        Path jittered = shiftTimestamps(truth.file(), dir.resolve("jittered.mp4"), Map.of(8.92, -0.6, 9.0, -0.7,
                9.12, 0.55, 17.92, 0.7, 18.08, -0.65, 27.04, -0.8, 32.0, 0.6));
        RegisteredMedia registered = ReplayAndPlayerTest.astronautAndLogo(dir);
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties);
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());

        GameAnalysis onePass = analyzer.analyze(jittered, registered, StageProgress.NONE, bounds);
        List<RangeAnalysis> parts = new ArrayList<>();
        for (TimeRange range : TimeRange.split(truth.durationSeconds(), 9.0)) {
            parts.add(analyzer.analyzeRange(jittered, registered, range, 5.0, StageProgress.NONE));
        }
        GameAnalysis split = analyzer.merge(parts, analyzer.analyzeAudio(jittered), bounds);

        // The jitter is in the file as decoded: the frame of 8.92 s shows 0.6 frames early, and the border's first
        // frame (9.0 s) before the border, in range 0.
        double fps = onePass.media().frameRate();
        int early = (int) Math.round(8.92 * fps);
        assertThat(parts.get(0).times()[early]).isCloseTo((early - 0.6) / fps, within(1e-3));
        assertThat(parts.get(0).times()).hasSize((int) Math.round(9.0 * fps) + 1);
        assertThat(onePass.shots()).hasSizeGreaterThan(3);
        assertThat(split).usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);
    }

    /**
     * Timestamps that skip a frame's slot (from 20 s on every frame a frame later, as the e2e bench's looped input
     * has at each loop): the one pass counts on, and a range that seeks past the skip counts the frames shown before
     * its first one (its timestamp would say one more), so the ranges still join into the one-pass timeline. Ranges
     * that do not join (one given a first frame one too far) give way to one pass with a warning, not a failure.
     */
    @Test
    void skippedTimestampSlotsJoinAsTheOnePassAndRangesThatDoNotJoinGiveWayToOnePass() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        Path skipped = shiftTimestamps(truth.file(), dir.resolve("skipped.mp4"), 20.0, 1.0);
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties);
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        GameAnalysis onePass = analyzer.analyze(skipped, RegisteredMedia.NONE, StageProgress.NONE, bounds);

        List<RangeAnalysis> parts = new ArrayList<>();
        for (TimeRange range : TimeRange.split(truth.durationSeconds(), 12.0)) {
            parts.add(analyzer.analyzeRange(skipped, RegisteredMedia.NONE, range, 3.0, StageProgress.NONE));
        }
        AudioAnalysis audio = analyzer.analyzeAudio(skipped);
        GameAnalysis joined = analyzer.join(parts, audio, skipped, RegisteredMedia.NONE, StageProgress.NONE, bounds,
                BugLayout.GUESS);
        // 24 s shows the frame counted 24 s * fps - 1 (the slot skipped at 20 s): the count, not the timestamp
        assertThat(parts.get(2).firstFrame()).isEqualTo((int) Math.round(24.0 * onePass.media().frameRate()) - 1);
        assertThat(joined).usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);

        RangeAnalysis last = parts.get(2);
        parts.set(2, new RangeAnalysis(last.range(), last.frameRate(), last.width(), last.height(), last.duration(),
                last.firstFrame() + 1, last.times(), last.motion(), last.actionX(), last.actionY(),
                last.actionWeight(), last.flashes(), last.logos(), last.changeTimes(), last.changeDiffs(),
                last.thumbnails(), last.transitions(), last.appearances(), last.players(), last.scores(),
                last.warnings(), last.scoreWarnings()));
        GameAnalysis fallback = analyzer.join(parts, audio, skipped, RegisteredMedia.NONE, StageProgress.NONE, bounds,
                BugLayout.GUESS);
        assertThat(fallback.warnings()).hasSize(onePass.warnings().size() + 1)
                .last().asString().contains("analysed in one pass");
        assertThat(fallback).usingRecursiveComparison().ignoringFields("warnings")
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);

        // The fallback pass runs under the decode budget the split analysis started with (the route hands the join
        // the job's bounded progress, made before the ranges were sent): a budget the wait for the ranges used up
        // ends it at once with Media.DecodeTimeout, it does not start a whole pass on a fresh one.
        MediaProperties media = MediaProperties.defaults();
        MediaProperties tight = new MediaProperties(media.formats(), media.maxDuration(), media.maxWidth(),
                media.maxHeight(), media.maxStreams(), media.maxFrameRate(), 0.001, Duration.ZERO,
                media.stallTimeout(), media.codecs());
        StageProgress budget = new DecodeBudget(tight, new NativeStallWatchdog(Duration.ofMinutes(2), reason -> { }))
                .bound(StageProgress.NONE, truth.durationSeconds());
        Thread.sleep(100); // the ranges' wait: longer than 0.001 x the input's length
        long started = System.nanoTime();
        assertThatThrownBy(() -> analyzer.join(parts, audio, skipped, RegisteredMedia.NONE, budget, bounds,
                BugLayout.GUESS)).isInstanceOfSatisfying(JobFailure.class,
                f -> assertThat(f.code()).isEqualTo(DecodeBudget.DECODE_TIMEOUT));
        assertThat((System.nanoTime() - started) / 1e9).as("stopped at once, not after a whole pass").isLessThan(2);
    }

    /** {@code source} remuxed with every frame from {@code fromSeconds} on moved by {@code frames} frames. */
    static Path shiftTimestamps(Path source, Path out, double fromSeconds, double frames) throws Exception {
        return remux(source, out, (fps, ticks) -> {
            long from = Math.round(Math.round(fromSeconds * fps) * ticks / fps);
            return "if(gte(PTS\\," + from + ")\\,PTS+" + Math.round(frames * ticks / fps) + "\\,PTS)";
        });
    }

    /**
     * {@code source} remuxed (no re-encoding, FFmpeg's setts bitstream filter) with the presentation time of the
     * frame at each time in {@code shifts} (seconds, at the source's constant rate) moved by that many frames.
     */
    static Path shiftTimestamps(Path source, Path out, Map<Double, Double> shifts) throws Exception {
        return remux(source, out, (fps, ticksPerSecond) -> {
            String expression = "PTS";
            for (Map.Entry<Double, Double> shift : shifts.entrySet()) {
                long frame = Math.round(shift.getKey() * fps);
                long pts = Math.round(frame * ticksPerSecond / fps);
                long moved = Math.round((frame + shift.getValue()) * ticksPerSecond / fps);
                expression = "if(eq(PTS\\," + pts + ")\\," + moved + "\\," + expression + ")";
            }
            return expression;
        });
    }

    /** {@code source} remuxed with the video's presentation times as FFmpeg's setts {@code pts} expression says. */
    private static Path remux(Path source, Path out, java.util.function.BiFunction<Double, Integer, String> pts)
            throws Exception {
        double fps;
        int ticksPerSecond;
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(source.toFile())) {
            probe.start();
            fps = probe.getVideoFrameRate();
            AVRational base = probe.getFormatContext().streams(probe.getVideoStream()).time_base();
            assertThat(base.num()).isEqualTo(1);
            ticksPerSecond = base.den();
        }
        String expression = pts.apply(fps, ticksPerSecond);
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Process process = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i",
                source.toString(), "-map", "0", "-c", "copy", "-bsf:v", "setts=pts=" + expression, out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return out;
    }

    /**
     * A game with a score bug split in three ranges (borders at 12 s and 24 s, 3 s margins): a basket 1 s before (first shown fully about 0.6 s later)
     * the first border; the bug hidden across the second border (an ad break) and shown again with an earlier score
     * (12-8, 6 s long), then the score it had (14-10) and a new basket. One pass, showing 14-10, refuses the earlier
     * score and the score it already shows; range 2's reader starts cold in the ad break and reads 12-8 as its first
     * state and 14-10 as a change. The ranges joined give the one-pass score states: time, score and scoring.
     */
    @Test
    void aScoreShownAgainAfterABorderAndAChangeNearABorderGiveTheOnePassStates() throws Exception {
        io.courtside.scoreboard.ScoreBugFootage.Design design = new io.courtside.scoreboard.ScoreBugFootage.Design(
                "split-bottom-left", io.courtside.scoreboard.ScoreBugFootage.Layout.ONE_LINE, false, true,
                new java.awt.Font("Dialog", java.awt.Font.BOLD, 24), 0.08);
        List<io.courtside.scoreboard.ScoreBugFootage.Change> changes = List.of(
                new io.courtside.scoreboard.ScoreBugFootage.Change(0, 10, 8),
                new io.courtside.scoreboard.ScoreBugFootage.Change(5, 12, 8),
                new io.courtside.scoreboard.ScoreBugFootage.Change(11.0, 12, 10),
                new io.courtside.scoreboard.ScoreBugFootage.Change(16, 14, 10),
                new io.courtside.scoreboard.ScoreBugFootage.Change(25, 12, 8),
                new io.courtside.scoreboard.ScoreBugFootage.Change(31, 14, 10),
                new io.courtside.scoreboard.ScoreBugFootage.Change(35, 16, 10));
        Path video = dir.resolve("scores.mp4");
        io.courtside.scoreboard.ScoreBugFootage.write(io.courtside.scoreboard.ScoreBugFootage.script(design, 40,
                "DEN", "PHX", changes).withHidden(20, 25), video);
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties);
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        GameAnalysis onePass = analyzer.analyze(video, RegisteredMedia.NONE, StageProgress.NONE, bounds);

        List<TimeRange> ranges = TimeRange.split(onePass.media().durationSeconds(), 12.0);
        assertThat(ranges).extracting(TimeRange::from).containsExactly(0.0, 12.0, 24.0);
        List<RangeAnalysis> parts = new ArrayList<>();
        for (TimeRange range : ranges) {
            parts.add(analyzer.analyzeRange(video, RegisteredMedia.NONE, range, 3.0, StageProgress.NONE));
        }
        GameAnalysis split = analyzer.merge(parts, analyzer.analyzeAudio(video), bounds);

        // what makes the join hard is there: the one pass read each basket once, and range 2 read the earlier score
        assertThat(onePass.scores().states()).extracting(st -> st.score().values().stream().toList())
                .containsExactly(List.of(10, 8), List.of(12, 8), List.of(12, 10), List.of(14, 10), List.of(16, 10));
        assertThat(onePass.scores().states().get(2).time()).as("first shown fully before the border: %s",
                onePass.scores().states()).isBetween(11.0, 12.0);
        assertThat(parts.get(2).scores().states()).extracting(st -> st.score().values().stream().toList())
                .contains(List.of(12, 8));
        assertThat(split.scores().states()).isEqualTo(onePass.scores().states()); // records: times exactly
    }

    @Test
    void aBorderOwnsEachFrameOnce() {
        List<TimeRange> ranges = TimeRange.split(35.6, 9.0);
        assertThat(ranges.get(0).owns(8.96)).isTrue();
        assertThat(ranges.get(0).owns(9.0)).isFalse();
        assertThat(ranges.get(1).owns(9.0)).isTrue();
        assertThat(ranges.get(3).owns(40.0)).as("the last range runs to the end").isTrue();
    }
}
