package io.courtside.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The sample table comes from the caller's file: a small crafted {@code moov} whose counts claim billions of
 * entries is not read (the part is downloaded whole), where it made the worker allocate arrays of that size.
 */
class Mp4VideoTrackTest {

    @Test
    void aSmallTableIsRead() {
        Mp4VideoTrack track = Mp4VideoTrack.parse(moov(10, 100, 1));
        assertThat(track).isNotNull();
        assertThat(track.samples()).isEqualTo(10);
    }

    @Test
    void aSampleCountBeyondAnyGameIsNotRead() {
        // one fixed sample size and a count of 2^31 - 1: 8 bytes of table asking for about 50 GB of arrays
        assertThat(Mp4VideoTrack.parse(moov(Integer.MAX_VALUE, 100, 1))).isNull();
        assertThat(Mp4VideoTrack.parse(moov(Mp4VideoTrack.MAX_SAMPLES + 1, 100, 1))).isNull();
    }

    @Test
    void aChunkCountBeyondItsTableIsNotRead() {
        assertThat(Mp4VideoTrack.parse(moov(10, 100, Integer.MAX_VALUE))).isNull();
    }

    @Test
    void sampleSizesBeyondTheirTableAreNotRead() {
        assertThat(Mp4VideoTrack.parse(moov(1_000_000, 0, 1))).isNull(); // per-sample sizes, none written
    }

    /** A moov with one video track of {@code count} samples in one chunk, the chunk table claiming {@code chunks}. */
    private static ByteBuffer moov(int count, int fixedSize, int chunks) {
        byte[] mvhd = box("mvhd", ints(0, 0, 0, 1000, 10_000));
        byte[] hdlr = box("hdlr", ints(0, 0), ascii("vide"), ints(0, 0, 0), new byte[] {0});
        byte[] mdhd = box("mdhd", ints(0, 0, 0, 30, 300));
        byte[] stts = box("stts", ints(0, 1, count, 1));
        byte[] stsz = box("stsz", ints(0, fixedSize, count));
        byte[] stsc = box("stsc", ints(0, 1, 1, count, 1));
        byte[] stco = box("stco", ints(0, chunks, 4096));
        byte[] stbl = box("stbl", stts, stsz, stsc, stco);
        byte[] minf = box("minf", stbl);
        byte[] mdia = box("mdia", hdlr, mdhd, minf);
        byte[] trak = box("trak", mdia);
        return ByteBuffer.wrap(box("moov", mvhd, trak));
    }

    private static byte[] box(String type, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        ByteBuffer box = ByteBuffer.allocate(8 + body.size());
        box.putInt(8 + body.size()).put(ascii(type)).put(body.toByteArray());
        return box.array();
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
