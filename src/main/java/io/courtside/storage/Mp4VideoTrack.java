package io.courtside.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first video track of an MP4's {@code moov} box, read from its sample table: for every sample (in decoding
 * order) its decoding time ({@code stts}), composition offset ({@code ctts}), whether it is a key frame
 * ({@code stss}; none listed: all are), its size ({@code stsz}) and its byte offset in the file ({@code stsc} and
 * {@code stco}/{@code co64}), and the edit list's shift ({@code elst}: an empty edit, then the media time the
 * presentation starts at), so a sample's presentation time is what FFmpeg says to within rounding. {@link #parse}
 * returns null for what it does not read: no video track, a fragmented file ({@code mvex}: its samples are in
 * {@code moof} boxes), compact sizes ({@code stz2}), edit lists of more than one media segment, tables that
 * disagree.
 */
final class Mp4VideoTrack {

    private final long timescale;
    private final long shift;
    private final long[] dts;
    private final int[] compositionOffsets;
    private final long[] offsets;
    private final int[] sizes;
    private final boolean[] key;

    private Mp4VideoTrack(long timescale, long shift, long[] dts, int[] compositionOffsets, long[] offsets,
                          int[] sizes, boolean[] key) {
        this.timescale = timescale;
        this.shift = shift;
        this.dts = dts;
        this.compositionOffsets = compositionOffsets;
        this.offsets = offsets;
        this.sizes = sizes;
        this.key = key;
    }

    int samples() {
        return dts.length;
    }

    /** Sample {@code i}'s presentation time, seconds. */
    double shownAt(int i) {
        return (dts[i] + compositionOffsets[i] - shift) / (double) timescale;
    }

    /** Sample {@code i}'s decoding time on the presentation's clock, seconds. */
    double decodedAt(int i) {
        return (dts[i] - shift) / (double) timescale;
    }

    boolean key(int i) {
        return key[i];
    }

    long offset(int i) {
        return offsets[i];
    }

    /** The byte just after sample {@code i}. */
    long end(int i) {
        return offsets[i] + sizes[i];
    }

    /** Video samples at most: 9 hours at 60 frames a second (a longer track is downloaded whole). */
    static final int MAX_SAMPLES = 2_000_000;

    /** The video track of the {@code moov} box in {@code moov} (the whole box, its header first); null: see above. */
    static Mp4VideoTrack parse(ByteBuffer moov) {
        try {
            ByteBuffer body = Box.children(moov.slice(), "moov");
            if (body == null || Box.find(body.duplicate(), "mvex") != null) {
                return null; // not a moov, or a fragmented file
            }
            ByteBuffer mvhd = Box.find(body.duplicate(), "mvhd");
            if (mvhd == null) {
                return null;
            }
            long movieTimescale = timescaleOf(mvhd);
            ByteBuffer traks = body.duplicate();
            ByteBuffer trak;
            while ((trak = Box.find(traks, "trak")) != null) {
                Mp4VideoTrack track = video(trak, movieTimescale);
                if (track != null) {
                    return track;
                }
            }
            return null;
        } catch (RuntimeException malformed) { // a box that runs past its parent, a count past the table's end
            return null;
        }
    }

    /** A table's entry count, read at its position, when that many entries of {@code bytes} each fit in it. */
    private static int entries(ByteBuffer table, int bytes) {
        int n = table.getInt();
        if (n < 0 || n > table.remaining() / bytes) {
            throw new IllegalArgumentException("a table of " + n + " entries in " + table.remaining() + " bytes");
        }
        return n;
    }

    private static Mp4VideoTrack video(ByteBuffer trak, long movieTimescale) {
        ByteBuffer mdia = Box.find(trak.duplicate(), "mdia");
        if (mdia == null) {
            return null;
        }
        ByteBuffer hdlr = Box.find(mdia.duplicate(), "hdlr");
        if (hdlr == null || !"vide".equals(fourCc(hdlr, 8))) {
            return null;
        }
        ByteBuffer mdhd = Box.find(mdia.duplicate(), "mdhd");
        ByteBuffer minf = Box.find(mdia.duplicate(), "minf");
        ByteBuffer stbl = minf == null ? null : Box.find(minf, "stbl");
        if (mdhd == null || stbl == null) {
            return null;
        }
        long timescale = timescaleOf(mdhd);
        ByteBuffer stts = Box.find(stbl.duplicate(), "stts");
        ByteBuffer stsz = Box.find(stbl.duplicate(), "stsz");
        ByteBuffer stsc = Box.find(stbl.duplicate(), "stsc");
        ByteBuffer stco = Box.find(stbl.duplicate(), "stco");
        ByteBuffer co64 = Box.find(stbl.duplicate(), "co64");
        if (timescale <= 0 || stts == null || stsz == null || stsc == null || (stco == null) == (co64 == null)) {
            return null;
        }
        // sizes
        stsz.position(4);
        int fixedSize = stsz.getInt();
        int count = stsz.getInt();
        // the counts come from the caller's file: each is bounded by its table's bytes (or a game's frames) before
        // arrays are made for it, so a small crafted box cannot ask for gigabytes
        if (count <= 0 || count > MAX_SAMPLES || (fixedSize == 0 && count > stsz.remaining() / 4)) {
            return null;
        }
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = fixedSize != 0 ? fixedSize : stsz.getInt();
        }
        // decoding times
        long[] dts = new long[count];
        stts.position(4);
        int entries = stts.getInt();
        int sample = 0;
        long time = 0;
        for (int e = 0; e < entries && sample < count; e++) {
            long run = Integer.toUnsignedLong(stts.getInt());
            long delta = Integer.toUnsignedLong(stts.getInt());
            for (long r = 0; r < run && sample < count; r++) {
                dts[sample++] = time;
                time += delta;
            }
        }
        if (sample != count) {
            return null;
        }
        // composition offsets (signed, as FFmpeg reads them whatever the box's version)
        int[] composition = new int[count];
        ByteBuffer ctts = Box.find(stbl.duplicate(), "ctts");
        if (ctts != null) {
            ctts.position(4);
            int cttsEntries = ctts.getInt();
            sample = 0;
            for (int e = 0; e < cttsEntries && sample < count; e++) {
                long run = Integer.toUnsignedLong(ctts.getInt());
                int offset = ctts.getInt();
                for (long r = 0; r < run && sample < count; r++) {
                    composition[sample++] = offset;
                }
            }
        }
        // key frames
        boolean[] key = new boolean[count];
        ByteBuffer stss = Box.find(stbl.duplicate(), "stss");
        if (stss == null) {
            java.util.Arrays.fill(key, true);
        } else {
            stss.position(4);
            int keys = stss.getInt();
            for (int k = 0; k < keys; k++) {
                long number = Integer.toUnsignedLong(stss.getInt());
                if (number >= 1 && number <= count) {
                    key[(int) number - 1] = true;
                }
            }
        }
        // offsets: chunks, their sample counts, sizes added up within a chunk
        long[] chunkOffsets;
        if (stco != null) {
            stco.position(4);
            chunkOffsets = new long[entries(stco, 4)];
            for (int c = 0; c < chunkOffsets.length; c++) {
                chunkOffsets[c] = Integer.toUnsignedLong(stco.getInt());
            }
        } else {
            co64.position(4);
            chunkOffsets = new long[entries(co64, 8)];
            for (int c = 0; c < chunkOffsets.length; c++) {
                chunkOffsets[c] = co64.getLong();
            }
        }
        stsc.position(4);
        int runs = entries(stsc, 12);
        long[] firstChunk = new long[runs];
        long[] perChunk = new long[runs];
        for (int r = 0; r < runs; r++) {
            firstChunk[r] = Integer.toUnsignedLong(stsc.getInt());
            perChunk[r] = Integer.toUnsignedLong(stsc.getInt());
            stsc.getInt(); // sample description
        }
        long[] offsets = new long[count];
        sample = 0;
        for (int r = 0; r < runs && sample < count; r++) {
            long lastChunk = r + 1 < runs ? firstChunk[r + 1] - 1 : chunkOffsets.length;
            for (long c = firstChunk[r]; c <= lastChunk && sample < count; c++) {
                if (c < 1 || c > chunkOffsets.length) {
                    return null;
                }
                long at = chunkOffsets[(int) c - 1];
                for (long s = 0; s < perChunk[r] && sample < count; s++) {
                    offsets[sample] = at;
                    at += sizes[sample];
                    sample++;
                }
            }
        }
        if (sample != count) {
            return null;
        }
        Long shift = editShift(trak, timescale, movieTimescale);
        if (shift == null) {
            return null;
        }
        return new Mp4VideoTrack(timescale, shift, dts, composition, offsets, sizes, key);
    }

    /**
     * What is taken from a sample's media time to give its presentation time: the edit list's media time, less an
     * empty edit's length before it; null for lists of more than one media segment (or at another rate).
     */
    private static Long editShift(ByteBuffer trak, long timescale, long movieTimescale) {
        ByteBuffer edts = Box.find(trak.duplicate(), "edts");
        ByteBuffer elst = edts == null ? null : Box.find(edts, "elst");
        if (elst == null) {
            return 0L;
        }
        int version = elst.get(0);
        elst.position(4);
        int entries = elst.getInt();
        long empty = 0;
        Long mediaTime = null;
        for (int e = 0; e < entries; e++) {
            long duration = version == 1 ? elst.getLong() : Integer.toUnsignedLong(elst.getInt());
            long start = version == 1 ? elst.getLong() : elst.getInt();
            int rate = elst.getInt();
            if (start == -1) {
                if (mediaTime != null) {
                    return null;
                }
                empty += duration;
            } else if (mediaTime != null || rate != 0x10000) {
                return null;
            } else {
                mediaTime = start;
            }
        }
        long emptyTicks = movieTimescale > 0 ? Math.round(empty * (double) timescale / movieTimescale) : 0;
        return (mediaTime == null ? 0 : mediaTime) - emptyTicks;
    }

    /** The timescale of an mvhd or mdhd box's body (version 0: 32-bit times, 1: 64-bit). */
    private static long timescaleOf(ByteBuffer header) {
        int version = header.get(0);
        return Integer.toUnsignedLong(header.getInt(version == 1 ? 20 : 12));
    }

    private static String fourCc(ByteBuffer buffer, int at) {
        byte[] code = new byte[4];
        buffer.get(at, code);
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    /** MP4 box headers: 32-bit size (1: a 64-bit size follows; 0: to the end) and a four-character type. */
    static final class Box {

        private Box() {
        }

        /** The body of the box {@code type} that {@code box} holds at its position (its header first); null if not. */
        static ByteBuffer children(ByteBuffer box, String type) {
            long size = Integer.toUnsignedLong(box.getInt(box.position()));
            String found = fourCc(box, box.position() + 4);
            if (!found.equals(type)) {
                return null;
            }
            int header = 8;
            if (size == 1) {
                size = box.getLong(box.position() + 8);
                header = 16;
            } else if (size == 0) {
                size = box.remaining();
            }
            if (size < header || size > box.remaining()) {
                return null;
            }
            return box.slice(box.position() + header, (int) size - header);
        }

        /**
         * The body of the next box of {@code type} among the boxes from {@code boxes}'s position, which moves past
         * it; null when there is none.
         */
        static ByteBuffer find(ByteBuffer boxes, String type) {
            while (boxes.remaining() >= 8) {
                int at = boxes.position();
                long size = Integer.toUnsignedLong(boxes.getInt(at));
                String found = fourCc(boxes, at + 4);
                int header = 8;
                if (size == 1) {
                    size = boxes.getLong(at + 8);
                    header = 16;
                } else if (size == 0) {
                    size = boxes.remaining();
                }
                if (size < header || size > boxes.remaining()) {
                    throw new IllegalArgumentException("box " + found + " runs past its parent");
                }
                boxes.position(at + (int) size);
                if (found.equals(type)) {
                    return boxes.slice(at + header, (int) size - header);
                }
            }
            return null;
        }
    }
}
