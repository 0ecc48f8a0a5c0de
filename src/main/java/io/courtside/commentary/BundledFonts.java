package io.courtside.commentary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The caption fonts shipped inside the jar, written at start-up into {@code <data-dir>/fonts/}, where
 * config/application.yaml's defaults point, so captions do not depend on the fonts the OS happens to have:
 * DejaVu Sans Bold for Latin (from Maven Central's jasperreports-fonts) and Noto Sans SC Bold for Chinese (from
 * the npm registry's @expo-google-fonts/noto-sans-sc, SIL OFL 1.1); the build fetches both, see pom.xml. FFmpeg's
 * drawtext opens font files, not class path resources.
 */
@Component
public class BundledFonts {

    /** The shipped Latin and Chinese caption fonts, by file name. */
    public static final String LATIN = "DejaVuSans-Bold.ttf";
    public static final String CJK = "NotoSansSC-Bold.ttf";

    /** Class path folder of the shipped fonts, and the files in it (each font with its licence). */
    static final String FOLDER = "fonts/";
    static final List<String> FILES = List.of(LATIN, "LICENSE", CJK, "NotoSansSC-OFL.txt");

    private static final Logger LOG = LoggerFactory.getLogger(BundledFonts.class);

    private final Path directory;

    public BundledFonts(@Value("${courtside.data-dir}") Path dataDir) {
        this.directory = writeInto(dataDir.resolve("fonts"));
    }

    public Path directory() {
        return directory;
    }

    /**
     * The shipped fonts as files for a caller outside the service (no data dir): written once per JVM into a
     * folder under java.io.tmpdir.
     */
    static Path outsideService() {
        return OutsideService.DIRECTORY;
    }

    private static final class OutsideService {
        static final Path DIRECTORY = writeInto(Path.of(System.getProperty("java.io.tmpdir"),
                "courtside-fonts-" + System.getProperty("user.name", "user")));
    }

    /** Writes the shipped files into {@code directory} (a file already there with the same bytes is kept). */
    static Path writeInto(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String name : FILES) {
                try (InputStream in = BundledFonts.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
                    if (in == null) {
                        LOG.warn("The jar carries no {}{}: build it with ./mvnw package", FOLDER, name);
                        continue;
                    }
                    // Through a temporary file, so a job never sees a half-written font.
                    Path temporary = Files.createTempFile(directory, name, ".part");
                    try {
                        Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                        Path target = directory.resolve(name);
                        if (Files.isRegularFile(target) && Files.mismatch(temporary, target) == -1) {
                            continue;
                        }
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(temporary);
                    }
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the shipped caption fonts into " + directory
                    + ": make courtside.data-dir writable", e);
        }
    }
}
