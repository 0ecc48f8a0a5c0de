package io.courtside.selection;

import io.courtside.scoreboard.ScoreState;
import java.util.List;

/**
 * What happens in a clip, as the analysis saw it: the selector fills it in, the commentary writes its line
 * from it and the timeline shows it as the clip's reason.
 *
 * @param replay       the clip is (or repeats) a slow-motion replay found by a registered replay logo
 * @param excitementDb the crowd's peak excitement in the clip, dB above the arena's local baseline
 * @param motion       the clip's motion intensity (mean absolute grey-level difference between frames)
 * @param fastBreak    the motion is high for the sport (a fast break, a rally) rather than a dead ball
 * @param players      registered players seen in the clip (names as registered), most confident first
 * @param score        the score displayed at the clip's end; null where no score bug was read (or before its first state)
 * @param play         the (last) score change shown within the clip and what it meant; null when none
 */
public record ClipEvents(boolean replay, double excitementDb, double motion, boolean fastBreak,
                         List<String> players, ScoreState score, ScoringPlay play) {

    public static final ClipEvents NONE = new ClipEvents(false, 0, 0, false, List.of());

    public ClipEvents {
        players = List.copyOf(players);
    }

    /** Without the score. */
    public ClipEvents(boolean replay, double excitementDb, double motion, boolean fastBreak, List<String> players) {
        this(replay, excitementDb, motion, fastBreak, players, null, null);
    }

    /** The same events with the score at the clip's end and its score change. */
    public ClipEvents withScore(ScoreState score, ScoringPlay play) {
        return new ClipEvents(replay, excitementDb, motion, fastBreak, players, score, play);
    }
}
