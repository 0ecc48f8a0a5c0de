package io.courtside.storage;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.ObjectLocation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An input object fetched in part, for a worker that decodes only a time span of its video (a range of a split
 * game): the file has the object's length, and holds the bytes FFmpeg reads to decode the video from a time to a
 * time, at their own offsets, the rest a hole (a sparse file: nothing written, nothing stored), so FFmpeg opens it
 * as the whole file. For an MP4 whose sample table is in one {@code moov} box: a HEAD for the length and ETag, a GET
 * of the first 64 KB (and of the box headers past it, one small GET each) to find the {@code moov} before or after
 * the media data, a GET of the {@code moov}; from its video track's sample table ({@link Mp4VideoTrack}) the key
 * frame {@value #SAFETY_SECONDS} s before the span's start (FFmpeg's seek lands on it or after it), and the samples
 * to {@value #SAFETY_SECONDS} s and {@value #EXTRA_SAMPLES} samples past its end (what the decoder reads ahead), all
 * the bytes between the first and the last of them fetched with the audio interleaved there; and the file's head
 * up to its first {@value #HEAD_SECONDS} s of video (at most {@value #HEAD_MAX_BYTES} bytes), which FFmpeg reads to
 * probe the streams when it opens the file. Every GET is pinned to the HEAD's ETag, and a GET that breaks off
 * resumes where it stopped ({@code courtside.storage.retries}), as the whole download does.
 *
 * <p>Anything else is downloaded whole, as {@link ObjectDownloads} does: not an MP4, a fragmented MP4, no video
 * sample table, a store that ignores Range (it answers the whole object), an object replaced meanwhile, or a span
 * that is most of the file anyway.
 */
@Component
public class TimeSpanDownloads {

    private static final Logger log = LoggerFactory.getLogger(TimeSpanDownloads.class);

    /** The first GET: enough for the boxes before the media data and, in a small file, the moov. */
    static final int FIRST_BYTES = 64 * 1024;
    /** Seconds of video before the span's start and after its end also fetched (key frame, decoder's read-ahead). */
    static final double SAFETY_SECONDS = 2.0;
    /** Samples past the end (and its safety) also fetched: a frame-threaded decoder reads that many ahead. */
    static final int EXTRA_SAMPLES = 32;
    /** The file's head up to this much video is fetched: FFmpeg probes the streams there when it opens the file. */
    static final double HEAD_SECONDS = 5.0;
    /** ... at most this many bytes of it (FFmpeg's default probe size). */
    static final long HEAD_MAX_BYTES = 5_000_000;
    /** A moov larger than this is not fetched apart (a 2-hour game's is a few MB; it is held in memory to parse). */
    static final long MAX_MOOV_BYTES = 32L << 20;
    /** Top-level boxes looked at before giving up on finding the moov. */
    private static final int MAX_BOXES = 64;
    /** Spans closer than this are fetched as one (one GET instead of two). */
    private static final long JOIN_GAP = 64 * 1024;
    /** A span of more than this share of the file: the whole file is downloaded instead. */
    private static final double MOST_OF_THE_FILE = 0.9;

    private final S3Client s3;
    private final ObjectDownloads whole;
    private final StorageRetries retries;
    private final InputProperties limit;

    public TimeSpanDownloads(S3Client s3, ObjectDownloads whole, StorageRetries retries,
                             InputProperties inputProperties) {
        this.s3 = s3;
        this.whole = whole;
        this.retries = retries;
        this.limit = inputProperties;
    }

    /** What was fetched: the file, the bytes fetched, the object's length, and whether it was fetched whole. */
    record Fetched(Path file, long bytes, long length, boolean whole) {
    }

    /** A stretch of the input's timeline, in seconds ({@code to} infinite: to the end). */
    public record Span(double from, double to) {

        @Override
        public String toString() {
            return String.format("%.1f-%s s", from, Double.isInfinite(to) ? "end" : String.format("%.1f", to));
        }
    }

    /**
     * The object at {@code source} as {@code target}, holding what decoding its video from {@code fromSeconds} to
     * {@code toSeconds} (infinite: to the end) needs; the whole object when it cannot be fetched in part.
     */
    public Path download(ObjectLocation source, Path target, double fromSeconds, double toSeconds)
            throws IOException, InterruptedException {
        return download(source, target, List.of(new Span(fromSeconds, toSeconds)));
    }

    /**
     * As above, for several stretches of the timeline (an output's clips): the object holds what decoding each of
     * {@code spans} needs, the bytes between them are holes.
     */
    public Path download(ObjectLocation source, Path target, List<Span> spans)
            throws IOException, InterruptedException {
        return fetch(source, target, spans).file();
    }

    Fetched fetch(ObjectLocation source, Path target, double fromSeconds, double toSeconds)
            throws IOException, InterruptedException {
        return fetch(source, target, List.of(new Span(fromSeconds, toSeconds)));
    }

    Fetched fetch(ObjectLocation source, Path target, List<Span> spans) throws IOException, InterruptedException {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("no span of " + source.key() + " to fetch");
        }
        long started = System.nanoTime();
        String why;
        try {
            Fetched fetched = inPart(source, target, spans);
            if (fetched != null) {
                log.info("Fetched {}/{} for {} in part: {} of {} bytes ({} %) in {} ms", source.bucket(),
                        source.key(), spans, fetched.bytes(), fetched.length(),
                        fetched.length() == 0 ? 0 : Math.round(100.0 * fetched.bytes() / fetched.length()),
                        (System.nanoTime() - started) / 1_000_000);
                return fetched;
            }
            why = "not an MP4 with its sample table in one moov, or the spans are most of the file";
        } catch (RangesUnsupported | SdkException unusable) {
            // a store that ignores Range, an object replaced meanwhile (412), a store that failed the small GETs
            why = unusable.getMessage();
        }
        Files.deleteIfExists(target);
        whole.download(source, target);
        long length = Files.size(target);
        log.info("Fetched {}/{} for {} whole ({}): {} bytes", source.bucket(), source.key(), spans, why, length);
        return new Fetched(target, length, length, true);
    }

    /** The object fetched in part, or null when it is not an MP4 this reads or the spans are most of it. */
    private Fetched inPart(ObjectLocation source, Path target, List<Span> times)
            throws IOException, InterruptedException {
        HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(source.bucket())
                .key(source.key()).build());
        long length = head.contentLength() == null ? -1 : head.contentLength();
        String etag = head.eTag();
        if (length <= 0 || etag == null) {
            return null;
        }
        if (limit.exceeds(length)) {
            throw limit.tooLarge();
        }
        Object layout = layout(source, etag, length);
        if (!(layout instanceof Layout found)) {
            log.debug("{}/{}: {}", source.bucket(), source.key(), layout);
            return null;
        }
        Mp4VideoTrack track = Mp4VideoTrack.parse(found.moov());
        if (track == null) {
            log.debug("{}/{}: no video sample table this reads in its moov", source.bucket(), source.key());
            return null;
        }
        List<long[]> spans = spans(track, found, length, times);
        if (spans.stream().mapToLong(s -> s[1] - s[0]).sum() > MOST_OF_THE_FILE * length) {
            return null;
        }
        long fetched = found.fetched();
        try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            file.setLength(0); // an earlier attempt's bytes go: the holes must read as nothing was written
            file.setLength(length);
            for (long[] span : spans) {
                fetched += copy(source, etag, span, found, file);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return new Fetched(target, fetched, length, false);
    }

    /** Where the moov is, and it: the first bytes and the moov as fetched. */
    private record Layout(ByteBuffer moov, long moovAt, byte[] first, long fetched) {
    }

    /** The object's layout, or why it cannot be read in part (a String). */
    private Object layout(ObjectLocation source, String etag, long length) throws IOException, InterruptedException {
        byte[] first = get(source, etag, 0, Math.min(length, FIRST_BYTES));
        long fetched = first.length;
        long at = 0;
        for (int box = 0; box < MAX_BOXES && at + 8 <= length; box++) {
            int headerLength = (int) Math.min(16, length - at);
            byte[] header;
            if (at + headerLength <= first.length) {
                header = Arrays.copyOfRange(first, (int) at, (int) at + headerLength);
            } else {
                header = get(source, etag, at, at + headerLength);
                fetched += header.length;
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            long size = Integer.toUnsignedLong(h.getInt(0));
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (box == 0 && !type.equals("ftyp")) {
                return "no ftyp box first: not an MP4";
            }
            if (size == 1) {
                if (header.length < 16) {
                    return "a box header cut short";
                }
                size = h.getLong(8);
            } else if (size == 0) {
                size = length - at;
            }
            if (size < 8 || at + size > length) {
                return "box " + type + " runs past the end of the file";
            }
            if (type.equals("moof")) {
                return "a fragmented MP4";
            }
            if (type.equals("moov")) {
                if (size > MAX_MOOV_BYTES) {
                    return "a moov of " + size + " bytes";
                }
                byte[] moov = at + size <= first.length
                        ? Arrays.copyOfRange(first, (int) at, (int) (at + size))
                        : get(source, etag, at, at + size);
                if (at + size > first.length) {
                    fetched += moov.length;
                }
                return new Layout(ByteBuffer.wrap(moov), at, first, fetched);
            }
            at += size;
        }
        return "no moov box among the first " + MAX_BOXES + " boxes";
    }

    /**
     * The byte spans to fetch, sorted and joined: the head (up to its first seconds of video), the moov, and for each
     * of {@code times} the samples from the key frame before its start to past its end.
     */
    static List<long[]> spans(Mp4VideoTrack track, Layout layout, long length, List<Span> times) {
        List<long[]> spans = new ArrayList<>();
        long headEnd = FIRST_BYTES;
        for (int i = 0; i < track.samples() && track.decodedAt(i) < HEAD_SECONDS; i++) {
            headEnd = Math.max(headEnd, track.end(i));
        }
        spans.add(new long[] {0, Math.min(length, Math.min(headEnd, HEAD_MAX_BYTES))});
        spans.add(new long[] {layout.moovAt(), layout.moovAt() + layout.moov().capacity()});
        for (Span time : times) {
            spans.add(samples(track, length, time.from(), time.to()));
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        List<long[]> joined = new ArrayList<>();
        for (long[] span : spans) {
            long[] previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (previous != null && span[0] <= previous[1] + JOIN_GAP) {
                previous[1] = Math.max(previous[1], span[1]);
            } else {
                joined.add(span.clone());
            }
        }
        return joined;
    }

    /** Bytes [start, end) of the samples from the key frame before {@code from} (and its safety) to past {@code to}. */
    private static long[] samples(Mp4VideoTrack track, long length, double from, double to) {
        int samples = track.samples();
        int first = 0;
        for (int i = 0; i < samples; i++) {
            if (track.key(i) && track.shownAt(i) <= from - SAFETY_SECONDS) {
                first = i;
            }
        }
        int last = samples - 1;
        if (!Double.isInfinite(to)) {
            for (int i = 0; i < samples; i++) {
                if (track.decodedAt(i) >= to + SAFETY_SECONDS) {
                    last = Math.min(samples - 1, i + EXTRA_SAMPLES);
                    break;
                }
            }
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int i = first; i <= last; i++) {
            start = Math.min(start, track.offset(i));
            end = Math.max(end, track.end(i));
        }
        return new long[] {start, Math.min(length, end)};
    }

    /**
     * Writes bytes [span[0], span[1]) of the object into {@code file} at their offsets; the bytes fetched (what
     * the first GET and the moov's already hold is written from them).
     */
    private long copy(ObjectLocation source, String etag, long[] span, Layout layout, RandomAccessFile file)
            throws IOException, InterruptedException {
        long at = span[0];
        long end = span[1];
        // what is already here: the first bytes and the moov
        if (at < layout.first().length) {
            int upTo = (int) Math.min(end, layout.first().length);
            file.seek(at);
            file.write(layout.first(), (int) at, (int) (upTo - at));
            at = upTo;
        }
        long moovEnd = layout.moovAt() + layout.moov().capacity();
        if (at >= layout.moovAt() && at < moovEnd) {
            int upTo = (int) (Math.min(end, moovEnd) - layout.moovAt());
            file.seek(at);
            file.write(layout.moov().array(), (int) (at - layout.moovAt()), upTo - (int) (at - layout.moovAt()));
            at = layout.moovAt() + upTo;
        }
        if (at >= end) {
            return 0;
        }
        long fetchedFrom = at;
        int failures = 0;
        byte[] buffer = new byte[1 << 16];
        while (true) {
            try (ResponseInputStream<GetObjectResponse> in = ranged(source, etag, at, end)) {
                file.seek(at);
                for (int n; at < end && (n = in.read(buffer, 0, (int) Math.min(buffer.length, end - at))) > 0; ) {
                    file.write(buffer, 0, n);
                    at += n;
                    failures = 0; // it moved on: only tries in a row without progress count
                }
                if (at < end) {
                    throw new IOException("the answer ended " + (end - at) + " bytes early");
                }
                return end - fetchedFrom;
            } catch (IOException | SdkClientException broken) {
                failures++;
                if (failures >= retries.maxAttempts()) {
                    throw new JobFailure(JobFailure.STORAGE_ERROR, "The object store stopped answering while "
                            + source.bucket() + "/" + source.key() + " was downloaded (" + failures + " tries, bytes "
                            + at + " to " + end + " missing; courtside.storage.retries): " + broken.getMessage(),
                            broken);
                }
                var wait = retries.delayAfter(failures);
                log.warn("Download of {}/{} broke off at byte {} ({}); resuming in {} ms", source.bucket(),
                        source.key(), at, broken.toString(), wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    /** Bytes [from, to) of the object (small: box headers, the first bytes, the moov). */
    private byte[] get(ObjectLocation source, String etag, long from, long to) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = ranged(source, etag, from, to)) {
            byte[] bytes = in.readNBytes((int) (to - from));
            if (bytes.length != to - from) {
                throw new IOException("bytes " + from + "-" + (to - 1) + ": the answer ended early");
            }
            return bytes;
        }
    }

    /** A GET of bytes [from, to), pinned to {@code etag}; a store that answers the whole object instead is refused. */
    private ResponseInputStream<GetObjectResponse> ranged(ObjectLocation source, String etag, long from, long to) {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(GetObjectRequest.builder().bucket(source.bucket()).key(source.key()).ifMatch(etag)
                    .range("bytes=" + from + "-" + (to - 1)).build());
        } catch (S3Exception refused) {
            throw new RangesUnsupported("the store refused bytes " + from + "-" + (to - 1) + " (HTTP "
                    + refused.statusCode() + ": the object was replaced, or the range is not served)");
        }
        Long answered = in.response().contentLength();
        String range = in.response().contentRange();
        if (range == null || answered == null || answered != to - from) {
            in.abort();
            throw new RangesUnsupported("the store answered " + answered + " bytes"
                    + (range == null ? " without a Content-Range" : " (" + range + ")") + " to a GET of bytes " + from
                    + "-" + (to - 1));
        }
        return in;
    }

    /** The store cannot serve the object in part: it is downloaded whole. */
    private static final class RangesUnsupported extends RuntimeException {
        RangesUnsupported(String message) {
            super(message);
        }
    }
}
