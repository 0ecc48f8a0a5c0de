package io.courtside.analysis;

import io.courtside.scoreboard.ScoreTimeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one decode pass over the source found.
 *
 * @param media       stream facts
 * @param shots       shots in order, covering [0, duration) without gaps; a gradual transition's shots meet at
 *                    its boundary
 * @param loudness    RMS loudness per window
 * @param transitions one per shot boundary, in order ({@code transitions.get(i).boundary() == shots.get(i + 1).start()})
 * @param excitement  audio excitement above the arena's local baseline
 * @param motion      mean motion intensity of each shot, same order as {@code shots}: mean absolute difference
 *                    (grey levels, 0-255) between consecutive small grey frames, cuts, transitions and flashes left out
 * @param replays     slow-motion replays found by the registered replay logos, in order
 * @param players     registered players seen in sampled frames, in time order
 * @param warnings    problems that did not stop the analysis (a registered logo or face that could not be used)
 * @param action      where the action is in each frame, smoothed per shot (the reframing crop follows it)
 * @param scores      the score bug and every score state it displayed ({@link ScoreTimeline#none()} when none found)
 * @param logoAppearances every verified appearance of a registered replay logo, in time order (why a replay was
 *                    found, or an unpaired appearance)
 * @param motionTrack motion per window of the loudness track's length (the same frames {@code motion} averages per
 *                    shot), so a play's start inside a long shot can be seen; {@link MotionTrack#none} when not
 *                    measured
 */
public record GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness,
                           List<Transition> transitions, ExcitementTrack excitement, List<Double> motion,
                           List<Replay> replays, List<PlayerSighting> players, List<String> warnings,
                           ActionTrack action, ScoreTimeline scores, List<LogoAppearance> logoAppearances,
                           MotionTrack motionTrack) {

    public GameAnalysis {
        logoAppearances = logoAppearances == null ? List.of() : List.copyOf(logoAppearances);
        shots = List.copyOf(shots);
        transitions = List.copyOf(transitions);
        motion = List.copyOf(motion);
        replays = List.copyOf(replays);
        players = List.copyOf(players);
        warnings = List.copyOf(warnings);
        if (transitions.size() != shots.size() - 1 || motion.size() != shots.size()) {
            throw new IllegalArgumentException("need one transition per shot boundary and one motion value per shot");
        }
        action = action == null ? ActionTrack.centred(media.frameRate()) : action;
        scores = scores == null ? ScoreTimeline.none() : scores;
        motionTrack = motionTrack == null ? MotionTrack.none(loudness.windowSeconds()) : motionTrack;
    }

    /** Without the motion per window (hand-built analyses). */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness,
                        List<Transition> transitions, ExcitementTrack excitement, List<Double> motion,
                        List<Replay> replays, List<PlayerSighting> players, List<String> warnings,
                        ActionTrack action, ScoreTimeline scores, List<LogoAppearance> logoAppearances) {
        this(media, shots, loudness, transitions, excitement, motion, replays, players, warnings, action, scores,
                logoAppearances, null);
    }

    /** Without the logo appearances. */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness,
                        List<Transition> transitions, ExcitementTrack excitement, List<Double> motion,
                        List<Replay> replays, List<PlayerSighting> players, List<String> warnings,
                        ActionTrack action, ScoreTimeline scores) {
        this(media, shots, loudness, transitions, excitement, motion, replays, players, warnings, action, scores,
                List.of());
    }

    /** Without a score reading. */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness, List<Transition> transitions,
                        ExcitementTrack excitement, List<Double> motion, List<Replay> replays,
                        List<PlayerSighting> players, List<String> warnings, ActionTrack action) {
        this(media, shots, loudness, transitions, excitement, motion, replays, players, warnings, action, null,
                List.of());
    }

    /** Without an action track: reframing keeps the crop window centred. */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness, List<Transition> transitions,
                        ExcitementTrack excitement, List<Double> motion, List<Replay> replays,
                        List<PlayerSighting> players, List<String> warnings) {
        this(media, shots, loudness, transitions, excitement, motion, replays, players, warnings, null, null,
                List.of());
    }

    /** No registrations (no replays or players looked for) and no action track. */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness, List<Transition> transitions,
                        ExcitementTrack excitement, List<Double> motion) {
        this(media, shots, loudness, transitions, excitement, motion, List.of(), List.of(), List.of(), null, null,
                List.of());
    }

    /** Shots and loudness only (hand-built analyses): every boundary a cut, no excitement or motion measured. */
    public GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness) {
        this(media, shots, loudness, cutsBetween(shots),
                ExcitementTrack.silent(loudness.windowSeconds(), loudness.rmsDb().length),
                Collections.nCopies(shots.size(), 0.0));
    }

    private static List<Transition> cutsBetween(List<Shot> shots) {
        List<Transition> cuts = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            double t = shots.get(i).start();
            cuts.add(new Transition(Transition.Kind.CUT, t, t, t));
        }
        return cuts;
    }
}
