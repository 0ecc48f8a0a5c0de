package io.courtside.analysis;

import java.util.List;

import io.courtside.scoreboard.ScoreTimeline;

/**
 * What one range of a split analysis found: everything it owns (frames, boundaries, logo appearances and player
 * sightings in [from, to) of its {@link TimeRange}), measured with the margin before and after decoded as context,
 * so a boundary near the range's border is decided as the one-pass analysis decides it. {@link RangeMerge} joins
 * the ranges into one {@link GameAnalysis}.
 *
 * @param range          which range
 * @param frameRate      frames a second of the source
 * @param width          the video's width
 * @param height         the video's height
 * @param duration       the source's duration as the last range measured it (its last frame's end); NaN in others
 * @param firstFrame     index (in the whole source) of the first frame owned
 * @param times          each owned frame's time, seconds
 * @param motion         each owned frame's difference to the previous frame (MotionMeter)
 * @param actionX        each owned frame's raw action centre x (ActionCentreTracker)
 * @param actionY        each owned frame's raw action centre y
 * @param actionWeight   each owned frame's action weight
 * @param flashes        indexes (in the whole source) of owned frames that were camera flashes
 * @param logos          whether replay logos were looked for (then the change fields are filled)
 * @param changeTimes    with logos: the time of each owned frame (the replay pairing's per-frame changes)
 * @param changeDiffs    with logos: each owned frame's change from the one before
 * @param thumbnails     with logos: each owned frame's thumbnail, one after the other
 * @param transitions    the shot boundaries owned (boundary frame in the range)
 * @param appearances    the replay-logo appearances owned (their first frame in the range)
 * @param players        the player sightings owned
 * @param scores         the score bug's states and clock readings first shown in the range
 * @param warnings       the analysis's warnings (registrations that could not be used)
 * @param scoreWarnings  the score bug reader's warnings for this range
 */
public record RangeAnalysis(TimeRange range, double frameRate, int width, int height, double duration,
                            int firstFrame, double[] times, double[] motion, double[] actionX, double[] actionY,
                            double[] actionWeight, int[] flashes, boolean logos, double[] changeTimes,
                            float[] changeDiffs, byte[] thumbnails, List<Transition> transitions,
                            List<LogoAppearance> appearances, List<PlayerSighting> players, ScoreTimeline scores,
                            List<String> warnings, List<String> scoreWarnings) {
}
