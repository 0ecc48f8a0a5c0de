package io.courtside.commentary;

import io.courtside.config.BundledDefaults;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of commentary, captions and voice-over ({@code courtside.commentary.*}); config/application.yaml
 * documents each one.
 *
 * @param phrasesDir    folder of the phrase sets, {@code <sport>/<language>.yaml}; the jar's copy when absent
 * @param language      language of the commentary: {@code auto} (Chinese when a TransferName is written in Han
 *                      characters, else English) or a code such as en or zh
 * @param fallbackSport phrase set used for a sport without its own folder
 * @param roarDb        crowd excitement (dB above the arena's baseline) from which a clip is a "roar"
 * @param fonts         caption font file per language; key {@code default} for the others
 * @param voice         the voice-over
 * @param leadInSeconds a clip whose score change comes at least this long after its start gets a line of its own
 *                      kind (fast break, roar...) before the change; the scoring line always starts at the change
 */
@ConfigurationProperties(prefix = "courtside.commentary")
public record CommentaryProperties(
        Path phrasesDir,
        String language,
        String fallbackSport,
        double roarDb,
        Map<String, Path> fonts,
        Voice voice,
        double leadInSeconds) {

    public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public CommentaryProperties {
        // Outside the service (no data dir): the OS's DejaVu for Latin, and for Chinese the Noto Sans SC the jar
        // ships, written out once into java.io.tmpdir. The service always has the yaml's fonts, which name the
        // copies commentary.BundledFonts writes into data-dir at start-up.
        fonts = fonts == null || fonts.isEmpty()
                ? Map.of("default", Path.of(DEFAULT_FONT), "zh", BundledFonts.outsideService().resolve(BundledFonts.CJK))
                : Map.copyOf(fonts);
    }

    /**
     * @param enabled       speak the commentary (false: captions only)
     * @param engines       speech engines per language, best first, comma-separated (festival, flite, freetts,
     *                      espeak-ng): the first one this machine has speaks; others use defaultEngine
     * @param defaultEngine engine (or comma-separated engines) for languages not listed
     * @param espeakPath    the espeak-ng program
     * @param espeakVoices  espeak-ng voice per language (e.g. zh: cmn-latn-pinyin); others use the language code
     * @param freettsVoice  FreeTTS voice (English only)
     * @param leadSeconds   the voice starts this long after its clip does
     * @param speed         espeak-ng words per minute
     * @param festivalPath  festival's text2wave program
     * @param festivalVoice festival voice (English)
     * @param flitePath     the flite program
     * @param fliteVoice    flite voice (English): a name flite -lv lists or a .flitevox file
     */
    public record Voice(
            boolean enabled,
            Map<String, String> engines,
            String defaultEngine,
            Path espeakPath,
            Map<String, String> espeakVoices,
            String freettsVoice,
            double leadSeconds,
            int speed,
            Path festivalPath,
            String festivalVoice,
            Path flitePath,
            String fliteVoice) {

        public Voice {
            // Unset (a caller outside Spring): config/application.yaml's, the one place the defaults are written.
            engines = Map.copyOf(engines == null ? defaults().voice().engines() : engines);
            espeakVoices = Map.copyOf(espeakVoices == null ? defaults().voice().espeakVoices() : espeakVoices);
            festivalPath = festivalPath == null ? defaults().voice().festivalPath() : festivalPath;
            festivalVoice = festivalVoice == null ? defaults().voice().festivalVoice() : festivalVoice;
            flitePath = flitePath == null ? defaults().voice().flitePath() : flitePath;
            fliteVoice = fliteVoice == null ? defaults().voice().fliteVoice() : fliteVoice;
        }

        /** The engines to try for {@code language}, best first, as configured (lower case). */
        public List<String> chainFor(String language) {
            return Arrays.stream(engines.getOrDefault(language, defaultEngine).split(","))
                    .map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList();
        }
    }

    /**
     * The defaults, as config/application.yaml (the one place they are written) sets them; but the fonts are those
     * of a caller outside the service (see the constructor), as the yaml's name the copies written into data-dir
     * when the service starts.
     */
    public static CommentaryProperties defaults() {
        CommentaryProperties bundled = BundledDefaults.bind("courtside.commentary", CommentaryProperties.class);
        return new CommentaryProperties(bundled.phrasesDir(), bundled.language(), bundled.fallbackSport(),
                bundled.roarDb(), null, bundled.voice(), bundled.leadInSeconds());
    }

    public Path fontFor(String language) {
        return fonts.getOrDefault(language, fonts.get("default"));
    }
}
