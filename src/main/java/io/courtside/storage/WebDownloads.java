package io.courtside.storage;

import io.courtside.kernel.InvalidUrlException;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.egress.AddressPolicy;
import io.courtside.egress.PinnedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches input media from an allow-listed web host, on Apache HttpClient 5. Redirects are never followed (one could lead inside
 * our network), and the host is resolved and checked at fetch time, in the connection itself, which then goes to
 * exactly the checked addresses ({@link PinnedHttp}).
 */
@Component
public class WebDownloads implements DisposableBean {

    private final CloseableHttpClient http;
    private final SourceFiles sourceFiles;

    public WebDownloads(SourceFiles sourceFiles, AddressPolicy addressPolicy, InputProperties inputProperties) {
        this.sourceFiles = sourceFiles;
        boolean allowPrivate = inputProperties.allowPrivateAddresses();
        this.http = PinnedHttp.client(addressPolicy, host -> allowPrivate, Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    public Path fetch(String url, JobRun job) throws IOException, InterruptedException {
        return fetch(url, job.sourceFile(), "InputMedia");
    }

    /**
     * Fetches {@code url} to {@code target} under the same rules as the input; {@code field} names the request
     * entry in messages (e.g. "FaceRegister[0].FaceUrls[1]").
     */
    public Path fetch(String url, Path target, String field) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        try (ClassicHttpResponse response = http.executeOpen(null, new HttpGet(uri), null)) {
            int status = response.getCode();
            if (status == 404 || status == 410) {
                throw new JobFailure(JobFailure.MATERIAL_NOT_FOUND, "The " + field + " " + url
                        + " does not exist (HTTP " + status + ").");
            }
            if (status / 100 != 2 || response.getEntity() == null) {
                throw new JobFailure(JobFailure.STORAGE_ERROR, "Fetching " + url + " answered HTTP " + status
                        + (status / 100 == 3 ? " (redirects are not followed)" : "") + ".");
            }
            try (InputStream body = response.getEntity().getContent()) {
                return sourceFiles.save(body, target);
            }
        } catch (InvalidUrlException e) {
            throw new JobFailure(JobFailure.INVALID_PARAMETER, field + ": " + e.getMessage());
        }
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
