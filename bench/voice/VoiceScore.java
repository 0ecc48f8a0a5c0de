import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scores the voice bench's renders (bench/voice-bench.sh writes them):
 *   java bench/voice/VoiceScore.java WORK LINES-EN LINES-ZH
 * English, WORK/en/CANDIDATE/NN.{wav16,ms,hyp}: word error rate of pocketsphinx's transcript against the line
 * (lower case, punctuation dropped, numbers as words on both sides), summed over all lines.
 * Chinese, WORK/zh/CANDIDATE/NN.{wav16,ms,ph}: no Mandarin recogniser can be had here, so two listening-free
 * proxies: the share of espeak-ng's words that it speaks with English phonemes (from its own phoneme output,
 * -x: a Han character read as spelled pinyin, "yin four", is one), and seconds of speech per Han character.
 * Both: render time per second of speech (speech = the audio between the first and last sample above -40 dBFS).
 */
public class VoiceScore {

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        List<String> en = Files.readAllLines(Path.of(args[1]));
        List<String> zh = Files.readAllLines(Path.of(args[2]));
        System.out.println("English: " + en.size() + " lines, " + en.stream().mapToInt(l -> words(l).size()).sum()
                + " words; recogniser pocketsphinx (Debian) with pocketsphinx-en-us");
        System.out.println();
        System.out.println("| candidate | WER | lines right | render s per s of speech | speech s per line |");
        System.out.println("|---|---|---|---|---|");
        for (Path dir : candidates(work.resolve("en"))) {
            int edits = 0;
            int total = 0;
            int right = 0;
            double renderMs = 0;
            double speech = 0;
            StringBuilder worst = new StringBuilder();
            for (int i = 0; i < en.size(); i++) {
                String n = String.format("%02d", i + 1);
                List<String> ref = words(en.get(i));
                List<String> hyp = words(read(dir.resolve(n + ".hyp")));
                int d = distance(ref, hyp);
                edits += d;
                total += ref.size();
                right += d == 0 ? 1 : 0;
                renderMs += Double.parseDouble(read(dir.resolve(n + ".ms")));
                speech += speechSeconds(dir.resolve(n + ".wav16"));
                if (System.getenv("VERBOSE") != null) {
                    worst.append("    ").append(n).append(' ').append(d).append(": ").append(String.join(" ", hyp))
                            .append('\n');
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %d/%d | %.3f | %.2f |%n", dir.getFileName(),
                    edits / (double) total, right, en.size(), renderMs / 1000 / speech, speech / en.size());
            System.out.print(worst);
        }
        System.out.println();
        int han = zh.stream().mapToInt(VoiceScore::hanCount).sum();
        System.out.println("Chinese: " + zh.size() + " lines, " + han + " Han characters; no Mandarin recogniser"
                + " available (proxies, not a CER)");
        System.out.println();
        System.out.println("| candidate | words spoken as English | speech s per Han character | render s per s of"
                + " speech |");
        System.out.println("|---|---|---|---|");
        for (Path dir : candidates(work.resolve("zh"))) {
            int english = 0;
            int all = 0;
            double renderMs = 0;
            double speech = 0;
            for (int i = 0; i < zh.size(); i++) {
                String n = String.format("%02d", i + 1);
                int[] counts = englishWords(read(dir.resolve(n + ".ph")));
                english += counts[0];
                all += counts[1];
                renderMs += Double.parseDouble(read(dir.resolve(n + ".ms")));
                speech += speechSeconds(dir.resolve(n + ".wav16"));
            }
            System.out.printf(Locale.ROOT, "| %s | %d/%d (%.0f%%) | %.3f | %.3f |%n", dir.getFileName(), english, all,
                    100.0 * english / Math.max(1, all), speech / han, renderMs / 1000 / speech);
        }
    }

    static List<Path> candidates(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
    }

    /** Lower case words, punctuation dropped, numbers spelled ("98" -> ninety eight), hyphens split. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']+", " ").trim().split(" +")) {
            w = w.replaceAll("^'+|'+$", "");
            if (w.isEmpty()) {
                continue;
            }
            if (w.chars().allMatch(Character::isDigit)) {
                out.addAll(List.of(spell(Integer.parseInt(w)).split(" ")));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};

    static String spell(int n) {
        if (n < 20) {
            return ONES[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        }
        return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + spell(n % 100));
    }

    /** Word-level Levenshtein distance. */
    static int distance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    static int hanCount(String s) {
        return (int) s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
    }

    /** {English words, all words} in espeak-ng's -x output: words end with _|, (en) ... (cmn) switch language. */
    static int[] englishWords(String phonemes) {
        int english = 0;
        int all = 0;
        boolean inEnglish = false;
        for (String word : phonemes.split("_\\|")) {
            String w = word.replaceAll("\\s+", "");
            int en = w.lastIndexOf("(en)");
            int back = w.lastIndexOf("(cmn)");
            boolean startsEnglish = inEnglish || w.startsWith("(en)");
            if (w.replaceAll("\\((en|cmn)\\)", "").isEmpty()) {
                inEnglish = en > back || (inEnglish && back < 0);
                continue;
            }
            all++;
            english += startsEnglish && !w.startsWith("(cmn)") ? 1 : 0;
            inEnglish = en > back || (inEnglish && back < 0);
        }
        return new int[] {english, all};
    }

    /** Seconds between the first and the last sample above -40 dBFS of a 16-bit mono WAV. */
    static double speechSeconds(Path wav) throws IOException {
        if (!Files.exists(wav)) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        int rate = 16_000;
        while (at + 8 <= b.limit()) {
            String id = new String(b.array(), at, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(at + 4);
            if (id.equals("fmt ")) {
                rate = b.getInt(at + 12);
            } else if (id.equals("data")) {
                int from = at + 8;
                int n = Math.min(size < 0 ? Integer.MAX_VALUE : size, b.limit() - from) / 2;
                int first = -1;
                int last = -1;
                for (int i = 0; i < n; i++) {
                    if (Math.abs(b.getShort(from + 2 * i)) >= 328) {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }
                return first < 0 ? 0 : (last - first + 1) / (double) rate;
            }
            at += 8 + size + (size & 1);
        }
        return 0;
    }
}
