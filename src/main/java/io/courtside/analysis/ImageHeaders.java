package io.courtside.analysis;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a registered logo or face photo says about itself in its first bytes: its format (PNG, JPEG or WebP, by
 * magic bytes) and its picture size, read from the header without decoding anything. A decompression bomb (a
 * small file declaring a huge picture) is seen here before OpenCV would allocate the picture.
 */
final class ImageHeaders {

    /** The formats a registered image may be in. */
    enum Format { PNG, JPEG, WEBP }

    /** A header read: the format and the picture size it declares. */
    record Header(Format format, long width, long height) {
        long pixels() {
            return width * height;
        }
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** A JPEG header may carry EXIF and ICC data before its frame header; give up looking after this much. */
    private static final int JPEG_SCAN_LIMIT = 1 << 20;

    private ImageHeaders() {
    }

    /** The header of {@code file}, or null when it is not a PNG, JPEG or WebP image with a readable header. */
    static Header read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 8192))) {
            in.mark(32);
            byte[] start = new byte[12];
            if (in.readNBytes(start, 0, 12) < 12) {
                return null;
            }
            in.reset();
            if (startsWith(start, PNG)) {
                return png(in);
            }
            if ((start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xd8 && (start[2] & 0xff) == 0xff) {
                return jpeg(in);
            }
            if (start[0] == 'R' && start[1] == 'I' && start[2] == 'F' && start[3] == 'F'
                    && start[8] == 'W' && start[9] == 'E' && start[10] == 'B' && start[11] == 'P') {
                return webp(in);
            }
            return null;
        } catch (EOFException e) {
            return null;
        }
    }

    private static Header png(DataInputStream in) throws IOException {
        in.skipNBytes(8);
        in.readInt(); // IHDR length
        if (in.readInt() != 0x49484452) { // "IHDR" must come first
            return null;
        }
        return new Header(Format.PNG, Integer.toUnsignedLong(in.readInt()), Integer.toUnsignedLong(in.readInt()));
    }

    private static Header jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2);
        long read = 2;
        while (read < JPEG_SCAN_LIMIT) {
            int b = in.readUnsignedByte();
            read++;
            if (b != 0xff) {
                return null;
            }
            int marker = in.readUnsignedByte();
            read++;
            while (marker == 0xff) { // fill bytes
                marker = in.readUnsignedByte();
                read++;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // markers without a length
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // end of image or start of scan before any frame header
            }
            int length = in.readUnsignedShort();
            read += 2;
            if (length < 2) {
                return null;
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return new Header(Format.JPEG, width, height);
            }
            in.skipNBytes(length - 2);
            read += length - 2;
        }
        return null;
    }

    private static Header webp(DataInputStream in) throws IOException {
        in.skipNBytes(12);
        byte[] chunk = new byte[4];
        in.readFully(chunk);
        in.skipNBytes(4); // chunk size
        byte[] data = new byte[10];
        in.readFully(data);
        String kind = new String(chunk, java.nio.charset.StandardCharsets.US_ASCII);
        switch (kind) {
            case "VP8X": // flags(4), canvas width-1 (24 bits LE), canvas height-1 (24 bits LE)
                return new Header(Format.WEBP, u24(data, 4) + 1, u24(data, 7) + 1);
            case "VP8 ": // frame tag(3), start code 9d 01 2a, width and height (14 bits LE each)
                if ((data[3] & 0xff) != 0x9d || (data[4] & 0xff) != 0x01 || (data[5] & 0xff) != 0x2a) {
                    return null;
                }
                return new Header(Format.WEBP, u16(data, 6) & 0x3fff, u16(data, 8) & 0x3fff);
            case "VP8L": // signature 0x2f, then width-1 and height-1, 14 bits each, little-endian bit order
                if ((data[0] & 0xff) != 0x2f) {
                    return null;
                }
                long bits = (data[1] & 0xffL) | (data[2] & 0xffL) << 8 | (data[3] & 0xffL) << 16 | (data[4] & 0xffL) << 24;
                return new Header(Format.WEBP, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
            default:
                return null;
        }
    }

    private static long u24(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
