package io.courtside.commentary;

import java.nio.file.Path;
import java.util.List;

/**
 * The commentary of one output: its lines in the output timeline, the optional title card, and how to show and
 * speak them.
 *
 * @param language  language code of the phrase set used (en, zh...)
 * @param phraseSet which phrase file the lines came from (for logs and errors), e.g. basketball/en
 * @param fontFile  font file the captions are drawn with (checked to exist)
 * @param title     title card text (teams), or null when the sport has none or no teams are known
 * @param lines     a line per clip (two where a score change comes late in it), in output order
 */
public record Commentary(String language, String phraseSet, Path fontFile, String title,
                         List<CommentaryLine> lines) {

    public Commentary {
        lines = List.copyOf(lines);
    }
}
