package io.courtside.render;

import io.courtside.kernel.RenderSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.kernel.JobFailure;

/**
 * The captions of one output: FFmpeg drawtext filters (one per line, shown over its clip, text from a file so no
 * escaping of the words is needed) burned in after scaling, and the same cues as WebVTT.
 *
 * {@link #plan} only describes them (pure: the text files are named with their contents, not written);
 * {@link #write} writes the text files the filters read.
 *
 * @param filter drawtext filters to append to the video graph ("" when there is nothing to draw)
 * @param texts  the text files the filters read, in order, with their contents (delete when the output is done)
 * @param vtt    the WebVTT document
 */
record Captions(String filter, Map<Path, String> texts, String vtt) {

    Captions {
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /** The text files the filters read. */
    List<Path> files() {
        return List.copyOf(texts.keySet());
    }

    /** Writes the text files the filters read. */
    void write() throws IOException {
        for (Map.Entry<Path, String> text : texts.entrySet()) {
            Files.writeString(text.getKey(), text.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** A caption in the output timeline, seconds. */
    record Cue(double start, double end, String text) {
    }

    static final Captions NONE = new Captions("", Map.of(), null);

    /**
     * Describes the captions and writes their text files (see {@link #plan}).
     */
    static Captions of(Commentary commentary, List<Double> clipBounds, List<Double> clipSources, int width,
                       int height, RenderSpec.Look look, Path prefix) {
        Captions captions = plan(commentary, clipBounds, clipSources, width, height, look, prefix, 0);
        try {
            captions.write();
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Caption files could not be written next to " + prefix
                    + ": " + e.getMessage(), e);
        }
        return captions;
    }

    /** The caption font size for an output of this size. */
    static int fontSize(RenderSpec.Look look, int width, int height) {
        return Math.max(12, (int) Math.round(look.captionSize() * Math.min(width, height)));
    }

    /**
     * A line shows from its clip's first frame, or from the frame that shows its source moment (a score change:
     * the same frame the broadcast's bug and Courtside's score graphic first show the new score), until the next
     * line of its clip starts or the clip ends.
     *
     * @param clipBounds  output time of each clip's first frame, plus the output's end (frame-exact)
     * @param clipSources source time of each clip's first frame (where an anchored line's moment is)
     * @param prefix      the text files are named prefix + "caption-N.txt", N the line's index
     * @param titleBelow  the title card's block keeps below this row (pixels; 0: centred at 16% of the height, as
     *                    without a score graphic)
     */
    static Captions plan(Commentary commentary, List<Double> clipBounds, List<Double> clipSources, int width,
                         int height, RenderSpec.Look look, Path prefix, int titleBelow) {
        if (commentary == null) {
            return NONE;
        }
        if (!Files.isRegularFile(commentary.fontFile())) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The caption font " + commentary.fontFile()
                    + " does not exist: install it or set courtside.commentary.fonts." + commentary.language() + ".");
        }
        int size = fontSize(look, width, height);
        double ems = Math.max(6, 0.9 * width / size);
        String font = escape(commentary.fontFile().toAbsolutePath().toString());
        List<Cue> cues = new ArrayList<>();
        StringBuilder filter = new StringBuilder();
        Map<Path, String> files = new LinkedHashMap<>();
        List<CommentaryLine> lines = commentary.lines();
        for (int k = 0; k < lines.size(); k++) {
            CommentaryLine line = lines.get(k);
            double start = startOf(line, clipBounds, clipSources);
            double end = clipBounds.get(line.clip() + 1);
            if (k + 1 < lines.size() && lines.get(k + 1).clip() == line.clip()) {
                end = Math.min(end, startOf(lines.get(k + 1), clipBounds, clipSources));
            }
            if (end <= start) {
                continue;
            }
            String text = wrap(line.text(), ems);
            cues.add(new Cue(start, end, text));
            draw(filter, files, font, text, prefix + "caption-" + k, size, "black@0.6", "h*0.80", start, end);
        }
        if (commentary.title() != null && look.titleSeconds() > 0) {
            int titleSize = (int) Math.round(size * 1.3);
            double end = Math.min(look.titleSeconds(), clipBounds.get(clipBounds.size() - 1));
            String text = wrap(commentary.title(), Math.max(6, 0.9 * width / titleSize));
            String centre = "h*0.16";
            if (titleBelow > 0) {
                double half = blockHalfHeight(text.split("\n").length, titleSize);
                centre = String.format(Locale.ROOT, "%.1f", Math.max(0.16 * height, titleBelow + half));
            }
            draw(filter, files, font, text, prefix + "title", titleSize, "0x12306E@0.85", centre, 0, end);
            cues.add(0, new Cue(0, end, text));
        }
        return new Captions(filter.toString(), files, vtt(cues));
    }

    /** Output time a line starts at: its clip's first frame, or its source moment mapped into the clip. */
    static double startOf(CommentaryLine line, List<Double> clipBounds, List<Double> clipSources) {
        double first = clipBounds.get(line.clip());
        if (!line.anchored()) {
            return first;
        }
        double at = first + (line.at() - clipSources.get(line.clip()));
        return Math.max(first, Math.min(clipBounds.get(line.clip() + 1), at));
    }

    /** Half the height of a block of {@code lines} drawn by {@link #draw} at {@code size}, boxes included. */
    static double blockHalfHeight(int lines, int size) {
        return (lines - 1) / 2.0 * 1.7 * size + size / 2.0 + Math.max(2, size / 4);
    }

    /**
     * One drawtext per line of {@code text} (drawtext would draw a newline as a missing-glyph box with some
     * fonts), each centred, the block centred on {@code centreY}; lines step by 1.7 font sizes so their boxes
     * (border a quarter of the size) stack without overlapping.
     */
    static void draw(StringBuilder filter, Map<Path, String> files, String font, String text, String name, int size,
                     String box, String centreY, double start, double end) {
        String[] lines = text.split("\n");
        double step = 1.7 * size;
        for (int k = 0; k < lines.length; k++) {
            Path file = Path.of(name + "-" + k + ".txt");
            files.put(file, lines[k]);
            double offset = (k - (lines.length - 1) / 2.0) * step;
            filter.append(String.format(Locale.ROOT, ",drawtext=fontfile=%s:textfile=%s:expansion=none"
                            + ":fontsize=%d:fontcolor=white:box=1:boxcolor=%s:boxborderw=%d"
                            + ":x=(w-text_w)/2:y=%s-text_h/2+%.1f:enable='between(t,%.4f,%.4f)'",
                    font, escape(file.toAbsolutePath().toString()), size, box, Math.max(2, size / 4), centreY,
                    offset, start, end - 1e-4));
        }
    }

    /**
     * Greedy wrap to lines of at most {@code ems} (estimated: Han/Kana/Hangul characters 1 em, others 0.6 em,
     * spaces 0.35 em). Lines break at spaces; a word longer than a line (Chinese is written without spaces) breaks
     * between characters.
     */
    static String wrap(String text, double ems) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        double used = 0;
        for (String word : text.trim().split(" +")) {
            double width = width(word);
            double space = line.length() == 0 ? 0 : SPACE;
            if (used + space + width <= ems) {
                if (space > 0) {
                    line.append(' ');
                }
                line.append(word);
                used += space + width;
                continue;
            }
            if (line.length() > 0 && width <= ems) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(word);
                used = width;
                continue;
            }
            // too long for a line of its own: break between characters
            if (line.length() > 0) {
                line.append(' ');
                used += SPACE;
            }
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                double w = wide(cp) ? 1.0 : NARROW;
                if (used + w > ems && line.length() > 0) {
                    out.append(line.toString().stripTrailing()).append('\n');
                    line.setLength(0);
                    used = 0;
                }
                line.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
        }
        return out.append(line).toString();
    }

    private static final double NARROW = 0.6;
    private static final double SPACE = 0.35;

    /** Estimated width of {@code text} in ems (as {@link #wrap} counts). */
    static double width(String word) {
        return word.codePoints().mapToDouble(cp -> wide(cp) ? 1.0 : NARROW).sum();
    }

    /** Whether {@code text} holds a Han, Kana or Hangul character (which a Latin font cannot draw). */
    static boolean hasWide(String text) {
        return text.codePoints().anyMatch(Captions::wide);
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    static String vtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int n = 1;
        for (Cue cue : cues) {
            out.append('\n').append(n++).append('\n').append(time(cue.start())).append(" --> ")
                    .append(time(cue.end())).append('\n')
                    .append(cue.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                            .replace("-->", "--&gt;"))
                    .append('\n');
        }
        return out.toString();
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }

    /** An option value inside a filter graph: escaped for the option parser, then for the graph parser. */
    static String escape(String value) {
        String option = value.replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\:");
        StringBuilder graph = new StringBuilder();
        for (char c : option.toCharArray()) {
            if ("\\'[],;".indexOf(c) >= 0) {
                graph.append('\\');
            }
            graph.append(c);
        }
        return graph.toString();
    }
}
