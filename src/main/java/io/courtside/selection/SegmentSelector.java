package io.courtside.selection;

import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.LoudnessTrack;
import io.courtside.analysis.PlayerSighting;
import io.courtside.analysis.Replay;
import io.courtside.analysis.Shot;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobSpec;
import io.courtside.scoreboard.ScoreTimeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Picks the moments of each output with the sport's profile ({@code config/sports/<sport>.yaml}).
 *
 * <p>Every shot gives one candidate clip: the whole shot when it is no longer than max-clip, else pre-roll before
 * and post-roll after its peak (the most excited, else loudest, moment), grown to min-clip; an edge within
 * {@code snap} of the shot's edge moves onto it, so clips start and end on shot boundaries rather than mid-action.
 * A replay's clip is the whole replay. Each clip is scored by the weighted signals: crowd excitement, loudness
 * above the game's median, shot motion, a replay, the live play a replay repeats (the stretch just before it),
 * registered players. Outputs take the best clips no earlier output used, until MaxDuration is filled, in game
 * order; two clips of one output are back to back or at least min-gap apart. When the input has too few moments
 * for Count distinct outputs an output reuses clips, and its plan says so (shown as the timeline's Warnings).
 * Deterministic for the same input.
 *
 * <p>Where the score bug was read, every score change also anchors a clip: it ends the profile's
 * {@code scoring.after-change} seconds (1-3) after the new score is first shown and starts where the play starts,
 * the last shot boundary at least pre-roll before the change (not before the previous score change), else max-clip
 * before its end, or later where that shot holds a quiet stretch and then the play (the motion onset). Its score
 * is the play's weight (lead change, tie, run, close and late, big play; see {@link ScoringPlay}) on top of the clip's other signals, and its reason names the play
 * ({@code OKC +4, 36-42, lead 6}). Clips of one output never overlap. Every clip's events carry the score shown at
 * its end and the score change within it. Without a score timeline none of this applies.
 */
@Component
public class SegmentSelector {

    private final SportProfiles sports;

    public SegmentSelector(SportProfiles sports) {
        this.sports = sports;
    }

    public List<HighlightPlan> select(GameAnalysis analysis, JobSpec spec) {
        SportProfile profile = sports.find(spec.input().sportsCategory()).orElseThrow(() -> new JobFailure(
                JobFailure.INVALID_PARAMETER, "The sport '" + spec.input().sportsCategory() + "' has no profile any more."));
        double target = Math.min(spec.output().maxDuration() != null ? spec.output().maxDuration() : profile.maxDuration(),
                analysis.media().durationSeconds());
        List<Clip> candidates = new ArrayList<>(candidates(analysis, profile, nameMap(spec)));
        List<ScoringPlay> plays = ScoringPlay.of(analysis.scores(), analysis.media().durationSeconds(),
                profile.scoring());
        candidates.addAll(scoringCandidates(analysis, profile, nameMap(spec), plays));
        if (candidates.isEmpty()) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The input has no footage to make a highlight from.");
        }
        int[] uses = new int[candidates.size()];
        List<Set<Integer>> earlier = new ArrayList<>();
        List<HighlightPlan> plans = new ArrayList<>();
        for (int index = 0; index < spec.output().count(); index++) {
            Map<Integer, Clip> chosen = fill(candidates, uses, target, Set.of(), profile);
            // Same clips as an earlier output: leave out a different clip each time until the set is new.
            for (int skip = 0; earlier.contains(chosen.keySet()) && skip < candidates.size(); skip++) {
                Set<Integer> excluded = new HashSet<>();
                for (int k = 0; k <= skip; k++) {
                    excluded.add((index + k) % candidates.size());
                }
                if (excluded.size() < candidates.size()) {
                    chosen = fill(candidates, uses, target, excluded, profile);
                }
            }
            List<String> warnings = new ArrayList<>();
            long reused = chosen.keySet().stream().filter(i -> uses[i] > 0).count();
            if (reused > 0) {
                warnings.add(String.format(Locale.ROOT, "Output %d repeats %d of its %d clips from earlier outputs:"
                                + " the input has %d moments, not enough for %d distinct outputs of %.0f s.",
                        index, reused, chosen.size(), candidates.size(), spec.output().count(), target));
            }
            if (earlier.contains(chosen.keySet())) {
                warnings.add("Output " + index + " shows the same clips as an earlier output: the input is too short"
                        + " for " + spec.output().count() + " different highlights.");
            }
            earlier.add(chosen.keySet());
            chosen.keySet().forEach(i -> uses[i]++);
            plans.add(new HighlightPlan(index, chosen.values().stream()
                    .sorted(Comparator.comparingDouble(Clip::start))
                    .map(c -> c.segment(analysis.scores(), plays)).toList(), warnings));
        }
        return List.copyOf(plans);
    }

    /**
     * A candidate clip: where, how good, and what is in it. An anchored clip's peak is its score change, which a
     * trimmed copy keeps 1 s or more (at most its end's distance) before its end.
     */
    private record Clip(double start, double end, double score, double peak, String reason, ClipEvents events,
                        boolean anchored) {
        Clip(double start, double end, double score, double peak, String reason, ClipEvents events) {
            this(start, end, score, peak, reason, events, false);
        }

        double duration() {
            return end - start;
        }

        /** The segment, its events carrying the score shown at its end and the score change within it. */
        Segment segment(ScoreTimeline scores, List<ScoringPlay> plays) {
            if (scores == null || !scores.found()) {
                return new Segment(start, end, reason, events);
            }
            ScoringPlay within = null;
            for (ScoringPlay p : plays) {
                if (p.time() >= start - 1e-9 && p.time() < end - 1e-9) {
                    within = p;
                }
            }
            return new Segment(start, end, reason, events.withScore(scores.stateAt(end - 1e-6), within));
        }

        /**
         * An anchored clip cut to sit back to back with the chosen clips it overlaps: its start after those that
         * end before its change, its end before those that start at least 1 s after it. Null when a chosen clip
         * shows the change itself or less than min-clip is left.
         */
        Clip besides(java.util.Collection<Clip> chosen, SportProfile profile) {
            double s = start;
            double e = end;
            for (Clip c : chosen) {
                if (c.end() <= s + 1e-9 || c.start() >= e - 1e-9) {
                    continue;
                }
                if (c.end() <= peak + 1e-9) {
                    s = Math.max(s, c.end());
                } else if (c.start() >= peak + 1 - 1e-9) {
                    e = Math.min(e, c.start());
                } else {
                    return null;
                }
            }
            if (e - s < Math.min(profile.minClip(), end - start) - 1e-9) {
                return null;
            }
            return new Clip(s, e, score, peak, reason, events, true);
        }

        /** The same moment cut to {@code length} seconds around its peak, pre-roll and post-roll in proportion. */
        Clip trimmed(double length, SportProfile profile) {
            if (anchored) {
                double post = Math.min(end - peak, Math.max(1, length / 3));
                double e = Math.min(end, peak + post);
                double s = Math.max(start, e - length);
                return new Clip(s, s + length, score, peak, reason, events, true);
            }
            double before = length * profile.preRoll() / Math.max(1e-9, profile.preRoll() + profile.postRoll());
            double s = Math.max(start, Math.min(end - length, peak - before));
            return new Clip(s, s + length, score, peak, reason, events);
        }
    }

    /**
     * One clip per scoring play, anchored on its score change: it ends after-change seconds after the change and
     * starts at the last shot boundary at least pre-roll before the change, no earlier than the previous change
     * nor max-clip before its end (where no boundary lies in that window, at the earliest of those); where the
     * picture from there on is quiet and then turns busy before the change (see {@link MotionOnset}), it starts at
     * that onset instead, keeping min-clip.
     */
    private static List<Clip> scoringCandidates(GameAnalysis analysis, SportProfile profile, Map<String, String> names,
                                                List<ScoringPlay> plays) {
        List<Clip> clips = new ArrayList<>();
        if (plays.isEmpty()) {
            return clips;
        }
        double duration = analysis.media().durationSeconds();
        float[] loud = analysis.loudness().rmsDb();
        float[] sorted = loud.clone();
        Arrays.sort(sorted);
        double medianDb = sorted.length == 0 ? LoudnessTrack.SILENCE_DB : sorted[sorted.length / 2];
        double previous = 0;
        for (ScoringPlay play : plays) {
            double change = play.time();
            if (change >= duration) {
                break;
            }
            double end = Math.min(duration, change + profile.scoring().afterChange());
            double floor = Math.max(Math.max(0, previous), end - profile.maxClip());
            double latest = change - profile.preRoll();
            double start = floor;
            int shotIndex = 0;
            for (int i = 0; i < analysis.shots().size(); i++) {
                Shot shot = analysis.shots().get(i);
                if (shot.start() >= floor - 1e-9 && shot.start() <= latest + 1e-9) {
                    start = shot.start();
                }
                if (shot.start() <= change + 1e-9) {
                    shotIndex = i;
                }
            }
            // Inside the shot the clip would start in (one long wide shot), the play starts where it turns busy.
            double shotEnd = change;
            for (Shot shot : analysis.shots()) {
                if (shot.start() > start + 1e-9 && shot.start() < shotEnd) {
                    shotEnd = shot.start();
                }
            }
            double onset = MotionOnset.before(analysis.motionTrack(), start, shotEnd, profile.scoring());
            if (!Double.isNaN(onset) && onset > start) {
                start = onset;
            }
            start = Math.max(0, Math.min(start, end - Math.min(profile.minClip(), end)));
            previous = change;
            Clip scored = score(analysis, profile, names, start, end, change, false, medianDb, shotIndex, play);
            clips.add(new Clip(scored.start(), scored.end(), scored.score(), change, scored.reason(),
                    scored.events(), true));
        }
        return clips;
    }

    private static Map<String, String> nameMap(JobSpec spec) {
        return JobSpec.NameTransfer.map(spec.input().nameTransfers());
    }

    /** One clip per shot (a replay's clip is the whole replay), in shot order. */
    private static List<Clip> candidates(GameAnalysis analysis, SportProfile profile, Map<String, String> names) {
        double longest = analysis.shots().stream().mapToDouble(Shot::duration).max().orElse(0);
        double minClip = Math.min(profile.minClip(), longest);
        float[] loud = analysis.loudness().rmsDb();
        float[] sorted = loud.clone();
        Arrays.sort(sorted);
        double medianDb = sorted.length == 0 ? LoudnessTrack.SILENCE_DB : sorted[sorted.length / 2];
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < analysis.shots().size(); i++) {
            Shot shot = analysis.shots().get(i);
            if (shot.duration() < minClip || shot.duration() <= 0) {
                continue;
            }
            Replay replay = replayIn(analysis.replays(), shot.start(), shot.end());
            double start;
            double end;
            double peak;
            if (replay != null) {
                start = replay.start() - shot.start() < profile.snap() ? shot.start() : replay.start();
                end = shot.end() - replay.end() < profile.snap() ? shot.end() : replay.end();
                peak = (start + end) / 2;
                if (end - start > profile.maxClip()) { // a long replay: its first max-clip seconds
                    end = start + profile.maxClip();
                }
            } else {
                peak = peakOf(analysis, shot.start(), shot.end());
                start = peak - profile.preRoll();
                end = peak + profile.postRoll();
                double grow = Math.max(0, minClip - (end - start)) / 2;
                start -= grow;
                end += grow;
                if (start - shot.start() < profile.snap()) {
                    start = shot.start();
                }
                if (shot.end() - end < profile.snap()) {
                    end = shot.end();
                }
                if (end - start > profile.maxClip()) {
                    double over = end - start - profile.maxClip();
                    // Give up the side furthest from the peak first.
                    double cutEnd = Math.min(over, Math.max(0, (end - peak) - profile.postRoll()));
                    end -= cutEnd;
                    start += over - cutEnd;
                }
                start = Math.max(shot.start(), start);
                end = Math.min(shot.end(), end);
            }
            clips.add(score(analysis, profile, names, start, end, peak, replay != null, medianDb, i, null));
        }
        return clips;
    }

    /** The replay covering most of [from, to), if it covers at least half of it. */
    private static Replay replayIn(List<Replay> replays, double from, double to) {
        for (Replay r : replays) {
            double overlap = Math.min(to, r.end()) - Math.max(from, r.start());
            if (overlap >= 0.5 * (to - from)) {
                return r;
            }
        }
        return null;
    }

    /** Middle of the most excited window of the shot; the loudest when nothing is excited. */
    private static double peakOf(GameAnalysis analysis, double from, double to) {
        double[] best = {-1, (from + to) / 2};
        scan(analysis.excitement().windowSeconds(), analysis.excitement().dbAboveBaseline(), from, to, best);
        if (best[0] <= 0) {
            best[0] = -Double.MAX_VALUE;
            scan(analysis.loudness().windowSeconds(), analysis.loudness().rmsDb(), from, to, best);
        }
        return Math.max(from, Math.min(to, best[1]));
    }

    /** The middle of the first run of windows within 1 dB of the highest value, into best = {value, time}. */
    private static void scan(double window, float[] values, double from, double to, double[] best) {
        int first = Math.max(0, (int) Math.floor(from / window));
        int last = Math.min(values.length, (int) Math.ceil(to / window));
        int top = -1;
        for (int w = first; w < last; w++) {
            if (top < 0 || values[w] > values[top] + 1e-9) {
                top = w;
            }
        }
        if (top < 0 || values[top] <= best[0] + 1e-9) {
            return;
        }
        int end = top;
        while (end + 1 < last && values[end + 1] >= values[top] - 1) {
            end++;
        }
        best[0] = values[top];
        best[1] = (top + end + 1) * window / 2;
    }

    private static Clip score(GameAnalysis analysis, SportProfile profile, Map<String, String> names, double start,
                              double end, double peak, boolean replay, double medianDb, int shot,
                              ScoringPlay play) {
        double excitement = analysis.excitement().maxDb(start, end);
        double loudness = Math.max(0, analysis.loudness().meanDb(start, end) - medianDb);
        double motion = analysis.motion().get(shot);
        boolean fastBreak = motion >= profile.fastBreakMotion();
        // The play a replay repeats: at least half of the clip lies in the replayed-play-seconds before the replay.
        boolean replayedPlay = !replay && analysis.replays().stream().anyMatch(r ->
                Math.min(end, r.start()) - Math.max(start, r.start() - profile.replayedPlaySeconds())
                        >= 0.5 * (end - start) - 1e-6);
        Map<String, Double> players = new LinkedHashMap<>();
        for (PlayerSighting s : analysis.players()) {
            if (s.time() >= start - 1e-6 && s.time() < end) {
                players.merge(s.name(), s.confidence(), Math::max);
            }
        }
        List<String> byConfidence = players.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        double bestConfidence = players.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double cap = profile.excitementMaxDb();
        // The crowd counts once: by its excitement, or by plain loudness where that says more (no excitement).
        double score = Math.max(profile.excitementWeight() * Math.min(cap, excitement),
                profile.loudnessWeight() * Math.min(cap, loudness))
                + profile.motionWeight() * motion + (replay ? profile.replayWeight() : 0)
                + (replayedPlay ? profile.replayedPlayWeight() : 0) + profile.playerWeight() * bestConfidence
                + (play == null ? 0 : play.weight(profile.scoring()));
        List<String> why = new ArrayList<>();
        if (play != null) {
            why.add(play.reason(profile.scoring()));
        }
        if (replay) {
            why.add("replay");
        }
        if (replayedPlay) {
            why.add("play shown again in a replay");
        }
        if (excitement >= 1) {
            why.add(String.format(Locale.ROOT, "crowd +%.0f dB", excitement));
        } else if (loudness >= 1) {
            why.add(String.format(Locale.ROOT, "loud (+%.0f dB)", loudness));
        }
        if (fastBreak) {
            why.add("fast break");
        }
        byConfidence.stream().map(n -> names.getOrDefault(n, n)).forEach(why::add);
        if (why.isEmpty()) {
            why.add(String.format(Locale.ROOT, "motion %.1f", motion));
        }
        String reason = String.join("; ", why) + String.format(Locale.ROOT, " (score %.1f)", score);
        return new Clip(start, end, score, peak, reason,
                new ClipEvents(replay, excitement, motion, fastBreak, byConfidence));
    }

    /**
     * Greedy fill: least-used clips first, then the best scored, then the earliest; a clip that does not fit is
     * cut around its peak when at least min-clip of it fits; a scoring play's clip overlapping a chosen one is cut
     * to sit back to back with it (when its change and min-clip are left); other clips too close to a chosen one
     * (not back to back but nearer than min-gap) are passed over.
     */
    private static Map<Integer, Clip> fill(List<Clip> clips, int[] uses, double target, Set<Integer> excluded,
                                           SportProfile profile) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (!excluded.contains(i)) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(i -> uses[i])
                .thenComparing(i -> -clips.get(i).score())
                .thenComparingInt(i -> i));
        Map<Integer, Clip> chosen = new java.util.TreeMap<>();
        double total = 0;
        double minClip = Math.min(profile.minClip(), target);
        for (int i : order) {
            double left = target - total;
            if (left < Math.min(minClip, 0.5) - 1e-9 || left <= 1e-6) {
                break;
            }
            Clip clip = clips.get(i);
            if (clip.anchored() && tooClose(clip, chosen.values(), profile.minGap())) {
                clip = clip.besides(chosen.values(), profile); // a basket is worth a shorter clip
                if (clip == null) {
                    continue;
                }
            }
            if (clip.duration() > left + 1e-9) {
                if (left + 1e-9 < Math.min(minClip, clip.duration()) && !chosen.isEmpty()) {
                    continue;
                }
                clip = clip.trimmed(left, profile);
            }
            if (tooClose(clip, chosen.values(), profile.minGap())) {
                continue;
            }
            chosen.put(i, clip);
            total += clip.duration();
        }
        return chosen;
    }

    private static boolean tooClose(Clip clip, java.util.Collection<Clip> chosen, double minGap) {
        for (Clip c : chosen) {
            double gap = Math.max(clip.start() - c.end(), c.start() - clip.end());
            // Overlapping clips (only a scoring play's clip can overlap a shot's) would show a moment twice.
            if (gap < -1e-6 || (gap > 1e-6 && gap < minGap - 1e-9)) {
                return true;
            }
        }
        return false;
    }
}
