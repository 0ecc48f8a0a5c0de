package io.courtside.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.RangeAnalysis;
import io.courtside.analysis.RegisteredMedia;
import io.courtside.analysis.Remuxes;
import io.courtside.analysis.ReplayAndPlayerTest;
import io.courtside.analysis.TimeRange;
import io.courtside.render.HighlightRenderer;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import io.courtside.kernel.FitMode;
import io.courtside.kernel.ObjectLocation;
import io.courtside.kernel.RenderSpec;
import io.courtside.kernel.StageProgress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A range's worker fetches only the bytes of the input its range decodes, from a real S3-compatible server (S3Proxy
 * on files, in this JVM, reached through a relay that counts the bytes it passes): the game copied three times
 * without re-encoding (108 s, loop points, B-frames), its moov before the media data (faststart) or after it (FFmpeg's
 * default). A range fetched in part analyses exactly as the whole file does, for the first, a middle and the last
 * range, and a middle range's bytes on the wire are a fraction of the file's. An output's clips fetched in part (as
 * a worker that renders one output of another worker's job fetches them) render to the same frames and audio as
 * from the whole file. Matroska, a fragmented MP4 and a store that ignores Range get the whole file.
 */
class TimeSpanDownloadsTest {

    private static final String BUCKET = "inputs";
    private static final double MARGIN = 5.0;

    @TempDir
    static Path dir;

    static S3Proxy server;
    static FaultProxy relay;
    static Path game;

    @BeforeAll
    static void startStore() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("store")).toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(overrides)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "spans", "spans-secret").build();
        server.start();
        while (!"STARTED".equals(server.getState())) {
            Thread.sleep(10);
        }
        relay = new FaultProxy(port);
        game = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4")).file();
    }

    @AfterAll
    static void stopStore() throws Exception {
        relay.close();
        server.stop();
    }

    private static S3Client client(ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + relay.port()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("spans",
                        "spans-secret")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
    }

    private static TimeSpanDownloads downloads(S3Client s3) {
        StorageRetries retries = new StorageRetries(2, Duration.ZERO, Duration.ZERO);
        InputProperties limit = new InputProperties(List.of(), DataSize.ofGigabytes(10), false);
        return new TimeSpanDownloads(s3, new ObjectDownloads(s3, retries, limit), retries, limit);
    }

    private static ObjectLocation put(S3Client s3, Path file) {
        ObjectLocation location = new ObjectLocation(BUCKET, "games/" + file.getFileName());
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(location.key()).build(), RequestBody.fromFile(file));
        return location;
    }

    @Test
    void aRangeFetchedInPartAnalysesAsTheWholeFile() throws Exception {
        Path faststart = Remuxes.looped(game, dir.resolve("faststart.mp4"), 3, "-movflags", "+faststart");
        Path moovAtEnd = Remuxes.looped(game, dir.resolve("moov-at-end.mp4"), 3);
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        try (S3Client s3 = client()) {
            TimeSpanDownloads downloads = downloads(s3);
            for (Path input : List.of(faststart, moovAtEnd)) {
                ObjectLocation object = put(s3, input);
                long length = Files.size(input);
                List<TimeRange> ranges = TimeRange.split(duration(input), 18.0);
                assertThat(ranges).hasSize(6);
                for (TimeRange range : List.of(ranges.get(0), ranges.get(3), ranges.get(5))) {
                    Path part = Files.createDirectories(dir.resolve(input.getFileName() + "-" + range.index()))
                            .resolve("source.mp4");
                    long before = relay.toClient.get();
                    TimeSpanDownloads.Fetched fetched = downloads.fetch(object, part, Math.max(0, range.from()
                            - MARGIN), range.last() ? Double.POSITIVE_INFINITY : range.to() + MARGIN);
                    long onTheWire = relay.toClient.get() - before;

                    assertThat(fetched.whole()).as("%s range %d", input.getFileName(), range.index()).isFalse();
                    assertThat(part).hasSize(length);
                    assertThat(onTheWire).isGreaterThanOrEqualTo(fetched.bytes());
                    System.out.printf("SPAN %s range %d: %d of %d bytes on the wire%n", input.getFileName(),
                            range.index(), onTheWire, length);
                    if (range.index() == 3) {
                        // 28 s of video (the range and its margins), from the key frame 2 s before, the head, the moov
                        assertThat(onTheWire).as("bytes of %s for a middle range", input.getFileName())
                                .isLessThan(length * 6 / 10);
                    }
                    RangeAnalysis inPart = analyzer.analyzeRange(part, RegisteredMedia.NONE, range, MARGIN,
                            StageProgress.NONE);
                    RangeAnalysis whole = analyzer.analyzeRange(input, RegisteredMedia.NONE, range, MARGIN,
                            StageProgress.NONE);
                    assertThat(inPart.times()).isNotEmpty();
                    assertThat(inPart).as("%s range %d", input.getFileName(), range.index())
                            .usingRecursiveComparison()
                            .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                            .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void anOutputsClipsFetchedInPartRenderAsFromTheWholeFile() throws Exception {
        // an output rendered on another worker: clips early, in the middle and running to the end of the input
        Path moovAtEnd = Remuxes.looped(game, dir.resolve("clips-moov-at-end.mp4"), 3);
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(3, 9), new Segment(50, 57),
                new Segment(duration(moovAtEnd) - 6, duration(moovAtEnd))));
        List<TimeSpanDownloads.Span> reads = plan.segments().stream().map(s -> new TimeSpanDownloads.Span(
                Math.max(0, s.start() - HighlightRenderer.READS_BEFORE_SECONDS),
                s.end() + HighlightRenderer.READS_AFTER_SECONDS)).toList();
        RenderSpec spec = new RenderSpec(320, 240, FitMode.PAD, "veryfast", 23);
        HighlightRenderer renderer = new HighlightRenderer();
        try (S3Client s3 = client()) {
            ObjectLocation object = put(s3, moovAtEnd);
            Path part = Files.createDirectories(dir.resolve("clips")).resolve("source.mp4");
            long before = relay.toClient.get();
            TimeSpanDownloads.Fetched fetched = downloads(s3).fetch(object, part, reads);
            long onTheWire = relay.toClient.get() - before;

            assertThat(fetched.whole()).isFalse();
            assertThat(part).hasSize(Files.size(moovAtEnd));
            // 19 s of clips, each with 2.5 s read around it and the fetch's margins, of a 108 s input
            assertThat(onTheWire).isLessThan(Files.size(moovAtEnd) / 2);
            Path fromPart = dir.resolve("clips-from-part.mp4");
            Path fromWhole = dir.resolve("clips-from-whole.mp4");
            renderer.render(part, plan, spec, fromPart, StageProgress.NONE);
            renderer.render(moovAtEnd, plan, spec, fromWhole, StageProgress.NONE);
            List<String> frames = decoded(fromWhole);
            assertThat(frames).hasSizeGreaterThan(19 * 24);
            assertThat(decoded(fromPart)).as("the output's frames and audio").isEqualTo(frames);
        }
    }

    /** A digest of every decoded picture and audio frame of {@code file}, in order. */
    private static List<String> decoded(Path file) throws Exception {
        List<String> digests = new java.util.ArrayList<>();
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(
                file.toFile())) {
            grabber.start();
            for (org.bytedeco.javacv.Frame frame; (frame = grabber.grab()) != null; ) {
                java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
                java.nio.Buffer[] planes = frame.image != null ? frame.image : frame.samples;
                for (java.nio.Buffer plane : planes) {
                    java.nio.ByteBuffer bytes = plane instanceof java.nio.ByteBuffer b ? b.duplicate()
                            : plane instanceof java.nio.ShortBuffer sb ? shorts(sb) : null;
                    if (bytes == null) {
                        continue;
                    }
                    bytes.rewind();
                    md5.update(bytes);
                }
                digests.add((frame.image != null ? "v" : "a") + frame.timestamp + ":"
                        + java.util.HexFormat.of().formatHex(md5.digest()));
            }
        }
        return digests;
    }

    private static java.nio.ByteBuffer shorts(java.nio.ShortBuffer samples) {
        java.nio.ShortBuffer copy = samples.duplicate();
        copy.rewind();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(copy.remaining() * 2);
        bytes.asShortBuffer().put(copy);
        return bytes;
    }

    @Test
    void otherContainersAndAStoreWithoutRangesGetTheWholeFile() throws Exception {
        Path matroska = Remuxes.ffmpeg(dir.resolve("game.mkv"), "-i", game.toString(), "-map", "0", "-c", "copy");
        Path fragmented = Remuxes.ffmpeg(dir.resolve("fragmented.mp4"), "-i", game.toString(), "-map", "0", "-c",
                "copy", "-movflags", "frag_keyframe+empty_moov");
        try (S3Client s3 = client()) {
            for (Path input : List.of(matroska, fragmented)) {
                Path part = Files.createDirectories(dir.resolve("whole-" + input.getFileName())).resolve("source");
                TimeSpanDownloads.Fetched fetched = downloads(s3).fetch(put(s3, input), part, 20, 30);
                assertThat(fetched.whole()).as(input.getFileName().toString()).isTrue();
                assertThat(Files.mismatch(part, input)).isEqualTo(-1);
            }
        }
        // A store that ignores Range answers the whole object to the first GET: it is downloaded whole, once.
        Path input = Remuxes.looped(game, dir.resolve("ignored.mp4"), 3);
        ExecutionInterceptor noRange = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                    ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().removeHeader("Range").build();
            }
        };
        try (S3Client s3 = client(noRange)) {
            ObjectLocation object = put(s3, input);
            Path part = Files.createDirectories(dir.resolve("ignored")).resolve("source.mp4");
            long before = relay.toClient.get();
            TimeSpanDownloads.Fetched fetched = downloads(s3).fetch(object, part, 40, 60);
            long onTheWire = relay.toClient.get() - before;
            assertThat(fetched.whole()).isTrue();
            assertThat(Files.mismatch(part, input)).isEqualTo(-1);
            assertThat(onTheWire).as("the first GET broken off, then one whole download")
                    .isLessThan(Files.size(input) * 3 / 2);
        }
    }

    /**
     * The bytes and time a range's worker fetches for each range of a long input, against the whole download, with
     * the service's defaults (ranges of 5 min, 10 s margins): {@code -Dcourtside.spans.input=FILE} (an MP4; the e2e
     * bench's 20-minute input, for one).
     */
    @Test
    @EnabledIfSystemProperty(named = "courtside.spans.input", matches = ".+")
    void theRangesOfALongInputFetchedInPartAndWhole() throws Exception {
        Path input = Path.of(System.getProperty("courtside.spans.input"));
        try (S3Client s3 = client()) {
            ObjectLocation object = put(s3, input);
            TimeSpanDownloads downloads = downloads(s3);
            Path target = Files.createDirectories(dir.resolve("long")).resolve("source.mp4");
            long started = System.nanoTime();
            downloads(s3).fetch(object, target, 0, 0); // warm-up: the client's first requests
            Files.delete(target);
            for (TimeRange range : TimeRange.split(duration(input), 300.0)) {
                started = System.nanoTime();
                TimeSpanDownloads.Fetched fetched = downloads.fetch(object, target, Math.max(0, range.from() - 10),
                        range.last() ? Double.POSITIVE_INFINITY : range.to() + 10);
                System.out.printf("SPANS %s range %d of %d: %s %d of %d bytes (%.1f %%) in %.2f s%n",
                        input.getFileName(), range.index() + 1, range.count(), fetched.whole() ? "whole" : "in part",
                        fetched.bytes(), fetched.length(), 100.0 * fetched.bytes() / fetched.length(),
                        (System.nanoTime() - started) / 1e9);
                Files.delete(target);
            }
            started = System.nanoTime();
            new ObjectDownloads(s3, new StorageRetries(2, Duration.ZERO, Duration.ZERO),
                    new InputProperties(List.of(), DataSize.ofGigabytes(10), false)).download(object, target);
            System.out.printf("SPANS %s whole: %d bytes in %.2f s%n", input.getFileName(), Files.size(target),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private static double duration(Path input) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(
                input.toFile())) {
            grabber.start();
            return grabber.getLengthInTime() / 1e6;
        }
    }
}
