package io.courtside.commentary;

import java.util.List;
import java.util.Map;

/**
 * The phrases of one sport in one language, from {@code config/commentary/<sport>/<language>.yaml}: lists of
 * templates per kind of moment. A template may hold {@code {player}} (a registered player's transfer name),
 * {@code {home}} and {@code {away}} (team names from TransferNameRegister), and in the scoring kinds
 * {@code {team}}, {@code {other}}, {@code {points}}, {@code {team-score}}, {@code {other-score}}, {@code {lead}},
 * {@code {run}} (see config/commentary/README.md); a template is only used when every name it holds is known.
 * {@code numbers} (optional) spells small numbers ("six") for {@code {points}} and {@code {lead}}.
 *
 * @param name      sport/language of the file, e.g. basketball/en
 * @param language  language code
 * @param templates kind of moment (replay, roar, fast-break, player, generic, title) to its templates
 */
public record PhraseBook(String name, String language, Map<String, List<String>> templates) {

    public static final String REPLAY = "replay";
    public static final String ROAR = "roar";
    public static final String FAST_BREAK = "fast-break";
    public static final String PLAYER = "player";
    public static final String GENERIC = "generic";
    public static final String TITLE = "title";
    /** The title card once the score bug was read: the teams in screen order and the last score read. */
    public static final String TITLE_SCORE = "title-score";
    /** The scoring team takes the lead from the other. */
    public static final String LEAD_CHANGE = "lead-change";
    /** The play ties the game. */
    public static final String TIE = "tie";
    /** The play makes or extends a run (the sport's run-points unanswered). */
    public static final String RUN = "run";
    /** A close game, late. */
    public static final String CLOSE_LATE = "close-late";
    /** One of the biggest plays (a 3-pointer). */
    public static final String BIG_PLAY = "big-play";
    /** The scoring team leads after the play. */
    public static final String SCORE_LEAD = "score-lead";
    /** The scoring team still trails after the play. */
    public static final String SCORE_TRAIL = "score-trail";
    /** A game won on a games-and-points bug (tennis, table tennis): {games}, {team-games}, {other-games}. */
    public static final String GAME_WON = "game";
    /** Tennis after deuce: the point gave {team} the advantage (the bug shows "AD" for it). */
    public static final String ADVANTAGE = "advantage";
    /** Tennis: 40-40, deuce (reached, or back to it from an advantage). */
    public static final String DEUCE = "deuce";
    /** A set won (tennis): also {team-sets}, {other-sets} where the bug shows the sets. */
    public static final String SET_WON = "set";
    /** The standing score with both teams' names, the leader first ({leader}, {trailer}, {leader-score}...). */
    public static final String STANDING = "standing";
    /** The standing score when it is tied ({team1}, {team2}, {score}). */
    public static final String STANDING_TIE = "standing-tie";
    /** Number words, 0 upwards, for {points} and {lead} (digits beyond the list). */
    public static final String NUMBERS = "numbers";

    public PhraseBook {
        templates = Map.copyOf(templates);
    }

    public List<String> of(String kind) {
        return templates.getOrDefault(kind, List.of());
    }

    /** {@code n} as the book spells it ("six"), else in digits. */
    public String number(int n) {
        List<String> words = of(NUMBERS);
        return n >= 0 && n < words.size() ? words.get(n) : Integer.toString(n);
    }
}
