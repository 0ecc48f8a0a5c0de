package io.courtside.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.JobSpec;
import io.courtside.kernel.MediaSource;
import io.courtside.storage.ObjectDownloads;
import io.courtside.storage.WebDownloads;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Fetches a job's registrations (SlowMotionLogoRegister logos, FaceRegister photos) into its work folder, under
 * the input's rules: objects through the store client, web URLs only from allow-listed hosts, through the
 * address policy, without redirects, at most {@code courtside.input.max-bytes} each.
 *
 * <p>The contract for bad registrations:
 * <ul>
 *   <li>an entry that cannot be fetched (the object or URL does not exist, HTTP 404/410, or the address policy
 *       refuses the host) fails the job with {@code InvalidParameter} and a message naming the entry, e.g.
 *       {@code FaceRegister[0].FaceUrls[1] (https://...)} — the caller asked for something that is not there;</li>
 *   <li>an entry that was fetched but cannot be used (not an image, a logo too small or plain, a face photo in
 *       which no face is found) is left out and named in the job timeline's {@code Warnings}; the job goes on
 *       (see {@link GameAnalyzer#analyze(Path, RegisteredMedia, io.courtside.kernel.StageProgress)});</li>
 *   <li>an entry over {@code courtside.analysis.max-image-bytes}, or whose header declares more than
 *       {@code max-image-pixels} (read before decoding: a decompression bomb never reaches OpenCV), fails the job
 *       with {@code InvalidParameter} naming the entry; one that is not a PNG, JPEG or WebP by its magic bytes is
 *       left out with a warning and never decoded;</li>
 *   <li>other fetch errors (the store or web host failing) fail the job like an input fetch would
 *       ({@code Storage.Error}), naming the entry.</li>
 * </ul>
 */
@Component
public class Registrations {

    private final ObjectDownloads objects;
    private final WebDownloads web;
    private final AnalysisProperties limits;

    @org.springframework.beans.factory.annotation.Autowired
    public Registrations(ObjectDownloads objects, WebDownloads web, AnalysisProperties limits) {
        this.objects = objects;
        this.web = web;
        this.limits = limits;
    }

    /** With the default image limits ({@code courtside.analysis.max-image-*}). */
    public Registrations(ObjectDownloads objects, WebDownloads web) {
        this(objects, web, AnalysisProperties.defaults());
    }

    /** Every logo and face photo of {@code job}, fetched into its work folder (nothing when none is registered). */
    public RegisteredMedia fetch(JobRun job) throws IOException, InterruptedException {
        JobSpec.InputConfig input = job.spec().input();
        List<String> warnings = new ArrayList<>();
        List<RegisteredMedia.Image> logos = new ArrayList<>();
        List<MediaSource> logoSources = input.slowMotionLogos() == null ? List.of() : input.slowMotionLogos();
        for (int i = 0; i < logoSources.size(); i++) {
            String field = "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[" + i + "]";
            RegisteredMedia.Image logo = fetchOne(logoSources.get(i), job.workDir().resolve("logo-" + i), field);
            if (usable(logo, "SlowMotionLogoRegister: " + logo.entry(), warnings)) {
                logos.add(logo);
            }
        }
        List<RegisteredMedia.Player> players = new ArrayList<>();
        List<JobSpec.FaceRegistration> faces = input.faces() == null ? List.of() : input.faces();
        for (int i = 0; i < faces.size(); i++) {
            List<RegisteredMedia.Image> photos = new ArrayList<>();
            List<MediaSource> urls = faces.get(i).faceUrls();
            for (int j = 0; j < urls.size(); j++) {
                String field = "InputConfig.FaceRegister[" + i + "].FaceUrls[" + j + "]";
                RegisteredMedia.Image photo = fetchOne(urls.get(j), job.workDir().resolve("face-" + i + "-" + j), field);
                if (usable(photo, "FaceRegister: " + photo.entry() + " for " + faces.get(i).name(), warnings)) {
                    photos.add(photo);
                }
            }
            players.add(new RegisteredMedia.Player(faces.get(i).name(), photos));
        }
        return new RegisteredMedia(logos, players, warnings);
    }

    /**
     * Checks a fetched image before anything decodes it: over {@code max-image-bytes}, or declaring more than
     * {@code max-image-pixels} in its header (a decompression bomb), fails the job naming the entry; not a PNG,
     * JPEG or WebP (by its magic bytes) leaves it out with a warning, as any other unusable image.
     */
    private boolean usable(RegisteredMedia.Image image, String label, List<String> warnings) throws IOException {
        long size = java.nio.file.Files.size(image.file());
        if (size > limits.maxImageBytes().toBytes()) {
            throw new JobFailure("InvalidParameter", image.entry() + " is " + size + " bytes; a registered image may"
                    + " have at most " + limits.maxImageBytes().toBytes() + " (courtside.analysis.max-image-bytes):"
                    + " use a smaller PNG, JPEG or WebP image.");
        }
        ImageHeaders.Header header = ImageHeaders.read(image.file());
        if (header == null) {
            warnings.add(label + " is not an image (PNG, JPEG or WebP); it was ignored.");
            return false;
        }
        if (header.width() <= 0 || header.height() <= 0 || header.pixels() > limits.maxImagePixels()) {
            throw new JobFailure("InvalidParameter", image.entry() + " declares a picture of " + header.width() + "x"
                    + header.height() + " pixels; a registered image may have at most " + limits.maxImagePixels()
                    + " pixels (courtside.analysis.max-image-pixels): scale it down (a face photo needs no more than"
                    + " about 1000x1000).");
        }
        return true;
    }

    private RegisteredMedia.Image fetchOne(MediaSource source, Path target, String field)
            throws IOException, InterruptedException {
        String entry = field + " (" + source.url() + ")";
        try {
            if (source instanceof MediaSource.StoredObject stored) {
                try {
                    objects.download(stored.location(), target);
                } catch (NoSuchKeyException | NoSuchBucketException e) {
                    throw new JobFailure("InvalidParameter", entry
                            + " does not exist in the object store: upload it or remove the entry.", e);
                } catch (SdkException e) {
                    throw new JobFailure(JobFailure.STORAGE_ERROR, "Fetching " + entry + " failed: " + e.getMessage(),
                            e);
                }
            } else {
                web.fetch(source.url(), target, field);
            }
        } catch (JobFailure e) {
            if (e.code().equals(JobFailure.MATERIAL_NOT_FOUND)) {
                throw new JobFailure("InvalidParameter", entry
                        + " does not exist (" + e.getMessage() + "): fix the URL or remove the entry.", e);
            }
            if (e.code().equals("InvalidParameter") && !e.getMessage().startsWith(entry)) {
                throw new JobFailure("InvalidParameter", entry + " was refused: " + e.getMessage()
                        + " Use an allow-listed public host or the object store.", e);
            }
            if (!e.getMessage().contains(field)) {
                throw new JobFailure(e.code(), entry + ": " + e.getMessage(), e);
            }
            throw e;
        }
        return new RegisteredMedia.Image(entry, target);
    }
}
