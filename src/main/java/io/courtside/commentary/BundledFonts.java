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
 * The caption fonts shipped inside the jar (the build takes them from a Maven Central artifact, see pom.xml),
 * written at start-up into {@code <data-dir>/fonts/}, where config/application.yaml's defaults point, so
 * captions do not depend on the fonts the OS happens to have. FFmpeg's drawtext opens font files, not class
 * path resources.
 */
@Component
public class BundledFonts {

    /** Class path folder of the shipped fonts, and the files in it. */
    static final String FOLDER = "fonts/";
    static final List<String> FILES = List.of("DejaVuSans-Bold.ttf", "LICENSE");

    private static final Logger LOG = LoggerFactory.getLogger(BundledFonts.class);

    private final Path directory;

    public BundledFonts(@Value("${courtside.data-dir}") Path dataDir) {
        this.directory = dataDir.resolve("fonts");
        try {
            Files.createDirectories(directory);
            for (String name : FILES) {
                try (InputStream in = BundledFonts.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
                    if (in == null) {
                        LOG.warn("The jar carries no {}{}: build it with mvn package", FOLDER, name);
                        continue;
                    }
                    // Through a temporary file, so a job never sees a half-written font.
                    Path temporary = Files.createTempFile(directory, name, ".part");
                    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the shipped caption fonts into " + directory
                    + ": make courtside.data-dir writable", e);
        }
    }

    public Path directory() {
        return directory;
    }
}
