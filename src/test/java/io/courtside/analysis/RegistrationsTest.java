package io.courtside.analysis;

import io.courtside.storage.InputProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Answer;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.JobSpec;
import io.courtside.egress.AddressPolicy;
import io.courtside.kernel.MediaSource;
import io.courtside.storage.SourceFiles;
import io.courtside.storage.WebDownloads;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Web registrations follow the input's rules: the address policy refuses private hosts (the job fails
 * InvalidParameter naming the entry), files over the size limit are refused naming the entry, and what is
 * fetched lands in the job's work folder labelled with its entry.
 */
class RegistrationsTest {

    @TempDir
    Path work;
    CallbackReceiver server;
    String base;

    @BeforeEach
    void serve() throws Exception {
        server = new CallbackReceiver()
                .answer("/small.png", Answer.ok(SMALL_PNG))
                .answer("/big.png", Answer.ok(new byte[5000]))
                .answer("/bomb.png", Answer.ok(BOMB_PNG))
                .answer("/notes.png", Answer.ok("not a picture at all, just some notes".getBytes()));
        base = server.url("");
    }

    /** A real 40x30 PNG (its size is what the old test served: under the 1000-byte limit). */
    static final byte[] SMALL_PNG = png(40, 30);
    /**
     * A decompression bomb: a valid PNG header declaring 30000x30000 pixels (900 megapixels, under OpenCV's own
     * 1-gigapixel limit, so imread would allocate it) in a file of a few hundred bytes.
     */
    static final byte[] BOMB_PNG = bombPng(30_000, 30_000);

    static byte[] png(int width, int height) {
        try {
            var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            var out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] bombPng(int width, int height) {
        byte[] small = png(1, 1); // signature, IHDR, IDAT, IEND: patch IHDR's size (CRC is not checked before decode)
        java.nio.ByteBuffer.wrap(small).putInt(16, width).putInt(20, height);
        return small;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPrivateHostIsRefusedNamingTheEntry() {
        Registrations registrations = registrations(false);
        assertThatThrownBy(() -> registrations.fetch(job(List.of(), List.of(base + "/small.png"))))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameter");
                    assertThat(e.getMessage()).contains("InputConfig.FaceRegister[0].FaceUrls[0] (" + base);
                });
        assertThat(work.resolve("face-0-0")).doesNotExist();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedNamingTheEntry() {
        Registrations registrations = registrations(true);
        assertThatThrownBy(() -> registrations.fetch(job(List.of(base + "/big.png"), List.of())))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(JobFailure.CONTENT_BAD);
                    assertThat(e.getMessage()).contains("InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[0]",
                            "larger than 1000 bytes");
                });
        assertThat(work.resolve("logo-0")).doesNotExist();
    }

    @Test
    void fetchedFilesLandInTheWorkFolderWithTheirEntries() throws Exception {
        RegisteredMedia media = registrations(true).fetch(job(List.of(base + "/small.png"),
                List.of(base + "/small.png", base + "/small.png")));
        assertThat(media.logos()).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo(work.resolve("logo-0"));
            assertThat(i.entry()).startsWith("InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[0]");
        });
        assertThat(media.players()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Player A");
            assertThat(p.photos()).extracting(RegisteredMedia.Image::file)
                    .containsExactly(work.resolve("face-0-0"), work.resolve("face-0-1"));
        });
        assertThat(Files.size(work.resolve("face-0-1"))).isEqualTo(SMALL_PNG.length);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderNamingTheEntry() throws Exception {
        assertThat(BOMB_PNG.length).isLessThan(1000);
        Registrations registrations = registrations(true);
        assertThatThrownBy(() -> registrations.fetch(job(List.of(), List.of(base + "/small.png", base + "/bomb.png"))))
                .isInstanceOfSatisfying(JobFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameter");
                    assertThat(e.getMessage()).contains("InputConfig.FaceRegister[0].FaceUrls[1] (" + base + "/bomb.png)",
                            "30000x30000", "courtside.analysis.max-image-pixels");
                });
        assertThatThrownBy(() -> registrations.fetch(job(List.of(base + "/bomb.png"), List.of())))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.getMessage())
                        .contains("InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[0]", "max-image-pixels"));
    }

    @Test
    void anImageOverTheByteLimitIsRefusedAndANonImageIsLeftOutUndecoded() throws Exception {
        InputProperties properties = new InputProperties(List.of("127.0.0.1"), DataSize.ofBytes(100_000), true);
        AnalysisProperties tight = io.courtside.config.BundledDefaults.bind("courtside.analysis",
                AnalysisProperties.class, java.util.Map.of("courtside.analysis.max-image-bytes", "50B"));
        Registrations registrations = new Registrations(null,
                new WebDownloads(new SourceFiles(properties), new AddressPolicy(), properties), tight);
        assertThat(SMALL_PNG.length).isGreaterThan(50);
        assertThatThrownBy(() -> registrations.fetch(job(List.of(base + "/small.png"), List.of())))
                .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.getMessage())
                        .contains("SlowMotionLogoUrls[0]", "courtside.analysis.max-image-bytes"));

        RegisteredMedia media = registrations(true).fetch(job(List.of(base + "/notes.png"), List.of(base + "/notes.png")));
        assertThat(media.logos()).isEmpty();
        assertThat(media.players()).singleElement().satisfies(p -> assertThat(p.photos()).isEmpty());
        assertThat(media.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("is not an image"));
    }

    private Registrations registrations(boolean allowPrivate) {
        InputProperties properties = new InputProperties(List.of("127.0.0.1"), DataSize.ofBytes(1000), allowPrivate);
        SourceFiles files = new SourceFiles(properties);
        return new Registrations(null, new WebDownloads(files, new AddressPolicy(), properties));
    }

    private JobRun job(List<String> logos, List<String> faces) {
        List<MediaSource> logoSources = logos.stream().map(RegistrationsTest::web).toList();
        List<JobSpec.FaceRegistration> players = faces.isEmpty() ? List.of()
                : List.of(new JobSpec.FaceRegistration("Player A", faces.stream().map(RegistrationsTest::web).toList()));
        JobSpec spec = new JobSpec(new JobSpec.InputConfig("basketball", null, players, logoSources, List.of()),
                null, null);
        return new JobRun("0123456789abcdef0123456789abcdef", spec, work, null, 1, java.util.Set.of());
    }

    private static MediaSource web(String url) {
        return new MediaSource.WebResource(url, URI.create(url));
    }
}
