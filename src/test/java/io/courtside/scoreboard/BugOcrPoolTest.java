package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Tesseract opened once per worker: the service opens one ahead of the first job, the first pass takes that one, a
 * second warm-up does not open another while one waits, and shutdown closes the idle ones.
 */
class BugOcrPoolTest {

    @Test
    void theWarmedInstanceIsTheFirstPassesAndShutdownClosesIt() {
        OcrData data = OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
        BugOcrPool.closeIdle();
        assertThat(BugOcrPool.idle()).isZero();
        BugOcrPool.warm(data);
        BugOcrPool.warm(data);
        assertThat(BugOcrPool.idle()).isEqualTo(1);
        BugOcr first = BugOcrPool.take(data);
        assertThat(BugOcrPool.idle()).isZero();
        BugOcrPool.give(data, first);
        BugOcrPool.closeIdle();
        assertThat(BugOcrPool.idle()).isZero();
    }
}
