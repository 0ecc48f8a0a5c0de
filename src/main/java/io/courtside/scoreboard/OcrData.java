package io.courtside.scoreboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract's language data in one folder it can open: English ships inside the jar (the build takes
 * {@code tessdata/eng.traineddata} from the tess4j jar on Maven Central, see pom.xml) and is written out at start-up;
 * Simplified Chinese ({@code chi_sim}) is copied from the OS package {@code tesseract-ocr-chi-sim} when installed.
 * Nothing is downloaded. A missing file is a warning, never a failure: without English data the score bug is not
 * read and each job says so.
 */
public final class OcrData {

    private static final Logger LOG = LoggerFactory.getLogger(OcrData.class);
    /** Class path folder of the shipped data. */
    static final String FOLDER = "tessdata/";
    static final String ENGLISH = "eng";
    static final String CHINESE = "chi_sim";
    /** Where Debian's tesseract-ocr-* packages put their data. */
    private static final List<Path> OS_FOLDERS = List.of(Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"), Path.of("/usr/share/tessdata"));

    private final Path directory;
    private final List<String> languages;
    private final String problem;

    private OcrData(Path directory, List<String> languages, String problem) {
        this.directory = directory;
        this.languages = List.copyOf(languages);
        this.problem = problem;
    }

    /**
     * Writes the shipped data into {@code directory} (created if need be) and looks for the OS's Chinese data.
     * Never throws: a problem is logged as a WARN and kept for {@link #problem()}.
     */
    public static OcrData prepare(Path directory) {
        List<String> found = new ArrayList<>();
        String problem = null;
        try {
            Files.createDirectories(directory);
            if (copyFromJar(ENGLISH, directory) || Files.isReadable(directory.resolve(ENGLISH + ".traineddata"))) {
                found.add(ENGLISH);
            } else {
                problem = "the OCR data " + FOLDER + ENGLISH + ".traineddata is not in the jar nor in " + directory
                        + ": build the jar with mvn package (it unpacks the data from net.sourceforge.tess4j:tess4j)";
            }
            if (copyFromOs(CHINESE, directory)) {
                found.add(CHINESE);
            }
        } catch (IOException e) {
            problem = "the OCR data cannot be written into " + directory + " (" + e.getMessage()
                    + "): make courtside.data-dir writable";
        }
        if (problem != null) {
            LOG.warn("The score bug will not be read: {}", problem);
        } else {
            LOG.info("OCR data for the score bug in {}: {}{}", directory, found,
                    found.contains(CHINESE) ? "" : " (install the OS package tesseract-ocr-chi-sim for Chinese)");
        }
        return new OcrData(directory, found, problem);
    }

    /**
     * Writes the jar's data for {@code language} into {@code directory} unless the file there already holds the
     * same bytes (size, then SHA-256): every analyzer prepares the folder, and rewriting 4 MB each time is waste.
     */
    private static boolean copyFromJar(String language, Path directory) throws IOException {
        byte[] data;
        try (InputStream in = OcrData.class.getClassLoader().getResourceAsStream(FOLDER + language + ".traineddata")) {
            if (in == null) {
                return false;
            }
            data = in.readAllBytes();
        }
        Path target = directory.resolve(language + ".traineddata");
        if (!sameContent(target, data)) {
            // Through a temporary file, so a job never opens a half-written file.
            Path temporary = Files.createTempFile(directory, language, ".part");
            Files.write(temporary, data);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    /** Whether {@code file} exists and holds exactly {@code data}. */
    private static boolean sameContent(Path file, byte[] data) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != data.length) {
            return false;
        }
        return MessageDigest.isEqual(sha256(Files.readAllBytes(file)), sha256(data));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static boolean copyFromOs(String language, Path directory) throws IOException {
        Path target = directory.resolve(language + ".traineddata");
        for (Path folder : OS_FOLDERS) {
            Path file = folder.resolve(language + ".traineddata");
            if (Files.isReadable(file)) {
                if (!Files.exists(target) || Files.size(target) != Files.size(file)) {
                    Path temporary = Files.createTempFile(directory, language, ".part");
                    Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return true;
            }
        }
        return Files.isReadable(target);
    }

    /** The folder Tesseract is given as its data path. */
    public Path directory() {
        return directory;
    }

    /** Languages whose data is present, English first. */
    public List<String> languages() {
        return languages;
    }

    public boolean readable() {
        return languages.contains(ENGLISH);
    }

    /** Why the bug cannot be read, or null. */
    public String problem() {
        return problem;
    }
}
