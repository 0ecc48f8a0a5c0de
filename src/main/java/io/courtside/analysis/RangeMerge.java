package io.courtside.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntPredicate;

import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ClockReading;
import io.courtside.scoreboard.ReadingRun;
import io.courtside.scoreboard.ScoreTimeline;

/**
 * Joins the ranges of a split analysis into the timeline one pass over the whole source gives. Each range decoded
 * a margin of context either side of what it owns, so each boundary, logo appearance and sighting is taken from the
 * one range that owns it (found with context); the per-frame signals are joined frame by frame and what depends on
 * whole shots (motion per shot and per window, the smoothed action track, replay pairing across a border) is computed once over
 * the joined frames, as the one pass computes it. Loudness and excitement come from the whole-source audio pass.
 */
final class RangeMerge {

    private RangeMerge() {
    }

    static GameAnalysis merge(AnalysisProperties properties, List<RangeAnalysis> parts, AudioAnalysis audio,
                              ReplayBounds replayBounds) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no ranges to join");
        }
        List<RangeAnalysis> ranges = new ArrayList<>(parts);
        ranges.sort(Comparator.comparingInt(r -> r.range().index()));
        int count = ranges.get(0).range().count();
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).range().index() != i || ranges.get(i).range().count() != count) {
                throw new IllegalArgumentException("ranges 0.." + (count - 1) + " are needed, each once; got range "
                        + ranges.get(i).range());
            }
        }
        if (ranges.size() != count) {
            throw new IllegalArgumentException("ranges 0.." + (count - 1) + " are needed; got " + ranges.size());
        }
        RangeAnalysis first = ranges.get(0);
        RangeAnalysis last = ranges.get(count - 1);
        double fps = first.frameRate();
        boolean logos = first.logos();

        FrameSeries times = new FrameSeries();
        FrameSeries motion = new FrameSeries();
        FrameSeries actionX = new FrameSeries();
        FrameSeries actionY = new FrameSeries();
        FrameSeries actionWeight = new FrameSeries();
        BitSet flashes = new BitSet();
        FrameChanges changes = logos
                ? new FrameChanges(properties.frameWidth(), properties.frameHeight()) : null;
        int thumb = (properties.frameWidth() / 4) * (properties.frameHeight() / 4);
        List<Transition> transitions = new ArrayList<>();
        List<LogoAppearance> appearances = new ArrayList<>();
        List<PlayerSighting> players = new ArrayList<>();
        int next = 0;
        for (RangeAnalysis r : ranges) {
            if (r.firstFrame() != next) {
                throw new IllegalStateException("range " + r.range().index() + " starts at frame " + r.firstFrame()
                        + " but the ranges before it end before frame " + next + ": frames were lost or doubled");
            }
            for (int i = 0; i < r.times().length; i++) {
                int frame = r.firstFrame() + i;
                times.set(frame, r.times()[i]);
                motion.set(frame, r.motion()[i]);
                actionX.set(frame, r.actionX()[i]);
                actionY.set(frame, r.actionY()[i]);
                actionWeight.set(frame, r.actionWeight()[i]);
            }
            for (int f : r.flashes()) {
                flashes.set(f);
            }
            if (changes != null) {
                for (int i = 0; i < r.changeTimes().length; i++) {
                    changes.append(r.changeTimes()[i], r.changeDiffs()[i],
                            java.util.Arrays.copyOfRange(r.thumbnails(), i * thumb, (i + 1) * thumb));
                }
            }
            next = r.firstFrame() + r.times().length;
            transitions.addAll(r.transitions());
            appearances.addAll(r.appearances());
            players.addAll(r.players());
        }
        int frames = next;
        double duration = last.duration();
        transitions.sort(Comparator.comparingDouble(Transition::boundary));
        appearances.sort(Comparator.comparingDouble(LogoAppearance::start));
        players.sort(Comparator.comparingDouble(PlayerSighting::time));
        List<Shot> shots = Shot.between(transitions, duration);
        IntPredicate notMotion = ShotBoundaryDetector.notMotion(flashes, transitions, times, frames);
        MotionMeter joinedMotion = new MotionMeter(motion);
        List<Double> motionPerShot = joinedMotion.perShot(shots, times, notMotion);
        ActionTrack action = new ActionCentreTracker(properties.actionSmoothingSeconds(), actionX, actionY,
                actionWeight).track(shots, times, fps);
        List<Replay> replays = List.of();
        if (changes != null) {
            try (ReplayLogoDetector pairing = new ReplayLogoDetector(properties, fps, List.of(), changes)) {
                replays = pairing.replays(appearances, replayBounds);
            }
        }
        ScoreTimeline scores = scores(ranges);
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        ranges.forEach(r -> warnings.addAll(r.warnings()));
        if (!scores.found()) {
            warnings.addAll(last.scoreWarnings()); // the reader that read up to the end says how much it saw
        }
        LoudnessTrack loudness = audio.loudness.track(duration);
        ExcitementTrack excitement = audio.hasAudio ? audio.excitement.track(duration)
                : ExcitementTrack.silent(properties.loudnessWindowSeconds(), loudness.rmsDb().length);
        MediaInfo media = new MediaInfo(duration, fps, first.width(), first.height(), audio.hasAudio,
                audio.sampleRate, audio.hasAudio ? audio.channels : 0);
        return new GameAnalysis(media, shots, loudness, transitions, excitement, motionPerShot, replays, players,
                new ArrayList<>(warnings), action, scores, appearances,
                joinedMotion.perWindow(loudness.windowSeconds(), duration, times, notMotion));
    }

    /**
     * The score timeline one pass gives, from every range's readings: each range's reader started cold and knew
     * nothing of what was shown before its margin, so its states are not taken as they are. Instead the runs of
     * readings each range owns (first read in its [from, to)) are voted again in range order by the one pass's
     * voting ({@link ScoreTimeline#voted}), which judges each from the state shown before it: a score seen again after
     * the border is the same state, a score below the one shown (a looped input, a replayed earlier graphic) and
     * other teams are refused, a score a range refused after a lower one it accepted in its margin is accepted, the
     * same score with its games read at last amends the state shown, and each scoring is taken from the state before
     * it in the joined timeline. A run that goes on across a border is the range's where it started.
     */
    static ScoreTimeline scores(List<RangeAnalysis> ranges) {
        List<BugForm> forms = new ArrayList<>();
        List<ReadingRun> readings = new ArrayList<>();
        List<ClockReading> clock = new ArrayList<>();
        List<double[]> hidden = new ArrayList<>();
        for (RangeAnalysis r : ranges) {
            ScoreTimeline t = r.scores();
            if (t == null || t.region() == null) {
                continue;
            }
            forms.addAll(t.forms()); // every form each range followed: the render covers each where it was shown
            t.readings().stream().filter(run -> r.range().owns(run.from())).forEach(readings::add);
            t.clock().stream().filter(c -> r.range().owns(c.time())).forEach(clock::add);
            for (double[] h : t.hidden()) {
                double from = Math.max(h[0], r.range().from());
                double to = r.range().last() ? h[1] : Math.min(h[1], r.range().to());
                if (to <= from) {
                    continue;
                }
                double[] previous = hidden.isEmpty() ? null : hidden.get(hidden.size() - 1);
                if (previous != null && from <= previous[1] + 1e-6) {
                    previous[1] = Math.max(previous[1], to);
                } else {
                    hidden.add(new double[] {from, to});
                }
            }
        }
        return ScoreTimeline.voted(forms, readings, clock, hidden);
    }
}
