package io.courtside.commentary;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties(prefix = "courtside.commentary")
public record CommentaryProperties(
        @DefaultValue("config/commentary") Path phrasesDir,
        @DefaultValue("auto") String language,
        @DefaultValue("default") String fallbackSport,
        @DefaultValue("6.0") double roarDb,
        Map<String, Path> fonts,
        @DefaultValue Voice voice) {

    public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    public static final String CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    public CommentaryProperties {
        fonts = fonts == null || fonts.isEmpty()
                ? Map.of("default", Path.of(DEFAULT_FONT), "zh", Path.of(CJK_FONT)) : Map.copyOf(fonts);
    }

    /**
     * @param enabled       speak the commentary (false: captions only)
     * @param engines       speech engine per language (freetts or espeak-ng); others use defaultEngine
     * @param defaultEngine engine for languages not listed
     * @param espeakPath    the espeak-ng program
     * @param espeakVoices  espeak-ng voice per language (e.g. zh: cmn); others use the language code
     * @param freettsVoice  FreeTTS voice (English only)
     * @param leadSeconds   the voice starts this long after its clip does
     * @param speed         espeak-ng words per minute
     */
    public record Voice(
            @DefaultValue("true") boolean enabled,
            Map<String, String> engines,
            @DefaultValue("espeak-ng") String defaultEngine,
            @DefaultValue("/usr/bin/espeak-ng") Path espeakPath,
            Map<String, String> espeakVoices,
            @DefaultValue("kevin16") String freettsVoice,
            @DefaultValue("0.2") double leadSeconds,
            @DefaultValue("165") int speed) {

        public Voice {
            engines = engines == null ? Map.of("en", "freetts") : Map.copyOf(engines);
            espeakVoices = espeakVoices == null ? Map.of("zh", "cmn", "en", "en-us") : Map.copyOf(espeakVoices);
        }

        public String engineFor(String language) {
            return engines.getOrDefault(language, defaultEngine);
        }
    }

    public static CommentaryProperties defaults() {
        return new CommentaryProperties(Path.of("config/commentary"), "auto", "default", 6.0, null,
                new Voice(true, null, "espeak-ng", Path.of("/usr/bin/espeak-ng"), null, "kevin16", 0.2, 165));
    }

    public Path fontFor(String language) {
        return fonts.getOrDefault(language, fonts.get("default"));
    }
}
