package io.courtside.commentary;

import java.util.List;
import java.util.Map;

/**
 * The phrases of one sport in one language, from {@code config/commentary/<sport>/<language>.yaml}: lists of
 * templates per kind of moment. A template may hold {@code {player}} (a registered player's transfer name),
 * {@code {home}} and {@code {away}} (team names from TransferNameRegister); a template is only used when
 * every name it holds is known.
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

    public PhraseBook {
        templates = Map.copyOf(templates);
    }

    public List<String> of(String kind) {
        return templates.getOrDefault(kind, List.of());
    }
}
