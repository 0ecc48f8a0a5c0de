package io.courtside.selection;

import io.courtside.kernel.JobSpec;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TransferNameRegister as the score bug is read: a name as read ("okc", "O.K.C.", "OKC ") finds the entry whose
 * OriginalName is written the same ignoring case, spaces and punctuation ("OKC"). An exact match wins; among
 * loose matches the first entry in the request's order.
 */
public final class TeamNames {

    private TeamNames() {
    }

    /** The name with case, spaces and punctuation left out (Unicode-normalised, so full-width letters match). */
    public static String key(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The name to show and say for {@code asRead}: its TransferName, else {@code asRead} itself. */
    public static String nameOf(Map<String, String> names, String asRead) {
        if (asRead == null || names == null) {
            return asRead;
        }
        String exact = names.get(asRead);
        if (exact != null) {
            return exact;
        }
        String key = key(asRead);
        if (!key.isEmpty()) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (key.equals(key(e.getKey()))) {
                    return e.getValue();
                }
            }
        }
        return asRead;
    }

    /** Whether {@code names} has an entry for {@code asRead} (loosely, as {@link #nameOf}). */
    public static boolean has(Map<String, String> names, String asRead) {
        return names != null && asRead != null && (names.containsKey(asRead)
                || names.keySet().stream().anyMatch(k -> !key(asRead).isEmpty() && key(asRead).equals(key(k))));
    }

    /** The teams as read to their TransferNames, for those that have one, in the teams' order. */
    public static Map<String, String> forTeams(Map<String, String> names, List<String> teams) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String team : teams) {
            if (has(names, team)) {
                out.put(team, nameOf(names, team));
            }
        }
        return out;
    }

    /** {@link #forTeams} from the request's TransferNameRegister. */
    public static Map<String, String> forTeams(List<JobSpec.NameTransfer> transfers, List<String> teams) {
        return forTeams(JobSpec.NameTransfer.map(transfers), teams);
    }
}
