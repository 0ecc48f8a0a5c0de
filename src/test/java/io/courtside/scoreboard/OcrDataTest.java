package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analyzer prepares the OCR folder: the shipped English data is written only when the file there is missing or
 * holds other bytes, never rewritten when it is already right.
 */
class OcrDataTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

    @TempDir
    Path directory;

    @Test
    void writesTheShippedDataOnceAndLeavesAnIdenticalFileAlone() throws Exception {
        OcrData first = OcrData.prepare(directory);
        Path english = directory.resolve("eng.traineddata");
        assertThat(first.readable()).isTrue();
        assertThat(english).hasBinaryContent(shipped());
        Files.setLastModifiedTime(english, LONG_AGO);

        OcrData second = OcrData.prepare(directory);

        assertThat(second.readable()).isTrue();
        assertThat(Files.getLastModifiedTime(english)).as("not rewritten").isEqualTo(LONG_AGO);
        assertThat(english).hasBinaryContent(shipped());
    }

    @Test
    void rewritesAFileWithTheSameSizeButOtherBytes() throws Exception {
        byte[] corrupted = shipped();
        for (int at : new int[] {0, corrupted.length / 3, corrupted.length - 1}) {
            corrupted[at] ^= 0x5a;
        }
        rewritesAfterFinding(corrupted);
    }

    @Test
    void rewritesATruncatedFile() throws Exception {
        byte[] shipped = shipped();
        rewritesAfterFinding(java.util.Arrays.copyOf(shipped, shipped.length / 2));
    }

    private void rewritesAfterFinding(byte[] content) throws Exception {
        Path english = directory.resolve("eng.traineddata");
        Files.write(english, content);
        Files.setLastModifiedTime(english, LONG_AGO);

        assertThat(OcrData.prepare(directory).readable()).isTrue();

        assertThat(english).hasBinaryContent(shipped());
        assertThat(Files.getLastModifiedTime(english)).isNotEqualTo(LONG_AGO);
        try (var left = Files.list(directory)) {
            assertThat(left.filter(p -> p.toString().endsWith(".part"))).as("no temporary file left").isEmpty();
        }
    }

    private static byte[] shipped() throws Exception {
        try (InputStream in = OcrData.class.getClassLoader().getResourceAsStream("tessdata/eng.traineddata")) {
            assertThat(in).as("the build puts eng.traineddata on the class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
