package io.courtside.selection;

import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.LoudnessTrack;
import io.courtside.analysis.Shot;
import io.courtside.job.JobFailure;
import io.courtside.job.JobSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Picks the moments of each output: one clip per shot (the loudest stretch of at most the sport's clip length),
 * the loudest clips first until the output's duration is filled, played in game order. Outputs prefer clips
 * no earlier output used, and no two outputs show the same set of clips. Deterministic for the same input.
 */
@Component
public class SegmentSelector {

    private final SportProfiles sports;

    public SegmentSelector(SportProfiles sports) {
        this.sports = sports;
    }

    public List<HighlightPlan> select(GameAnalysis analysis, JobSpec spec) {
        SportProfile profile = sports.find(spec.input().sportsCategory()).orElseThrow(() -> new JobFailure(
                "InvalidParameter", "The sport '" + spec.input().sportsCategory() + "' has no profile any more."));
        double target = Math.min(spec.output().maxDuration() != null ? spec.output().maxDuration() : profile.maxDuration(),
                analysis.media().durationSeconds());
        List<Clip> candidates = candidates(analysis, profile);
        if (candidates.isEmpty()) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The input has no footage to make a highlight from.");
        }
        int[] uses = new int[candidates.size()];
        List<Set<Integer>> earlier = new ArrayList<>();
        List<HighlightPlan> plans = new ArrayList<>();
        for (int index = 0; index < spec.output().count(); index++) {
            Set<Integer> chosen = fill(candidates, uses, target, Set.of());
            // Same clips as an earlier output: leave out a different clip each time until the set is new.
            for (int skip = 0; earlier.contains(chosen) && skip < candidates.size(); skip++) {
                Set<Integer> excluded = new HashSet<>();
                for (int k = 0; k <= skip; k++) {
                    excluded.add((index + k) % candidates.size());
                }
                if (excluded.size() < candidates.size()) {
                    chosen = fill(candidates, uses, target, excluded);
                }
            }
            earlier.add(chosen);
            chosen.forEach(i -> uses[i]++);
            plans.add(new HighlightPlan(index, trimToTarget(chosen.stream().sorted()
                    .map(candidates::get).toList(), target, analysis.loudness(), profile)));
        }
        return List.copyOf(plans);
    }

    private record Clip(double start, double end, double score, double shotStart, double shotEnd) {
        Clip(double start, double end, double score) {
            this(start, end, score, start, end);
        }

        Clip inShot(double from, double to) {
            return new Clip(start, end, score, from, to);
        }

        double duration() {
            return end - start;
        }
    }

    /** One clip per shot, scored by its loudness; candidates are ordered by start time. */
    private static List<Clip> candidates(GameAnalysis analysis, SportProfile profile) {
        double longest = analysis.shots().stream().mapToDouble(Shot::duration).max().orElse(0);
        double minClip = Math.min(profile.minClip(), longest);
        List<Clip> clips = new ArrayList<>();
        for (Shot shot : analysis.shots()) {
            if (shot.duration() >= minClip && shot.duration() > 0) {
                clips.add(loudestWindow(shot.start(), shot.end(), Math.min(profile.maxClip(), shot.duration()),
                        analysis.loudness()).inShot(shot.start(), shot.end()));
            }
        }
        return clips;
    }

    /** The window of {@code length} seconds inside [from, to) with the highest mean loudness. */
    private static Clip loudestWindow(double from, double to, double length, LoudnessTrack loudness) {
        double step = Math.max(loudness.windowSeconds(), 0.1);
        Clip best = null;
        for (double start = from; start + length <= to + 1e-9; start += step) {
            Clip clip = new Clip(start, start + length, loudness.meanDb(start, start + length));
            if (best == null || clip.score() > best.score() + 1e-9) {
                best = clip;
            }
        }
        Clip tail = new Clip(to - length, to, loudness.meanDb(to - length, to));
        return best == null || tail.score() > best.score() + 1e-9 ? tail : best;
    }

    /** Greedy fill: least-used clips first, then the loudest, then the earliest. */
    private static Set<Integer> fill(List<Clip> clips, int[] uses, double target, Set<Integer> excluded) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (!excluded.contains(i)) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(i -> uses[i])
                .thenComparing(i -> -clips.get(i).score())
                .thenComparingInt(i -> i));
        Set<Integer> chosen = new java.util.TreeSet<>();
        double total = 0;
        for (int i : order) {
            if (total >= target - 1e-6) {
                break;
            }
            chosen.add(i);
            total += clips.get(i).duration();
        }
        return chosen;
    }

    /** Shortens the last-added overflow so the plan fits its duration, keeping each clip's loudest part. */
    private static List<Segment> trimToTarget(List<Clip> clips, double target, LoudnessTrack loudness,
                                              SportProfile profile) {
        double total = clips.stream().mapToDouble(Clip::duration).sum();
        double excess = total - target;
        List<Segment> segments = new ArrayList<>();
        // Trim the quietest clips first; a clip cut below min-clip is dropped instead.
        List<Clip> byScore = clips.stream().sorted(Comparator.comparingDouble(Clip::score)).toList();
        Set<Clip> dropped = new HashSet<>();
        java.util.Map<Clip, Clip> trimmed = new java.util.HashMap<>();
        for (Clip clip : byScore) {
            if (excess <= 1e-6) {
                break;
            }
            double keep = clip.duration() - excess;
            boolean lastLeft = clips.size() - dropped.size() == 1;
            if (keep > 0 && (keep >= Math.min(profile.minClip(), clip.duration()) || lastLeft)) {
                trimmed.put(clip, loudestWindow(clip.start(), clip.end(), keep, loudness).inShot(clip.shotStart(),
                        clip.shotEnd()));
                excess = 0;
            } else if (!lastLeft) {
                dropped.add(clip);
                excess -= clip.duration();
            }
        }
        for (Clip clip : clips) {
            if (!dropped.contains(clip)) {
                Clip used = trimmed.getOrDefault(clip, clip);
                segments.add(new Segment(used.start(), used.end(), String.format(java.util.Locale.ROOT,
                        "loudest %.1f s of shot %.1f-%.1f s (crowd %.1f dB)", used.duration(), clip.shotStart(),
                        clip.shotEnd(), used.score())));
            }
        }
        return List.copyOf(segments);
    }
}
