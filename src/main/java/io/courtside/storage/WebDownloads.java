package io.courtside.storage;

import io.courtside.config.CourtsideProperties;
import io.courtside.job.JobFailure;
import io.courtside.job.JobRun;
import io.courtside.security.AddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Fetches input media from an allow-listed web host. Redirects are never followed (one could lead inside
 * our network), and the host's addresses are checked again at fetch time, not only at submit time.
 */
@Component
public class WebDownloads {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final SourceFiles sourceFiles;
    private final AddressPolicy addressPolicy;
    private final boolean allowPrivate;

    public WebDownloads(SourceFiles sourceFiles, AddressPolicy addressPolicy, CourtsideProperties properties) {
        this.sourceFiles = sourceFiles;
        this.addressPolicy = addressPolicy;
        this.allowPrivate = properties.input().allowPrivateAddresses();
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
        if (!allowPrivate) {
            try {
                addressPolicy.requirePublic(uri.getHost());
            } catch (InvalidUrlException e) {
                throw new JobFailure("InvalidParameter", field + ": " + e.getMessage());
            }
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            response.body().close();
            throw new JobFailure(JobFailure.MATERIAL_NOT_FOUND, "The input media " + url + " does not exist (HTTP " + status + ").");
        }
        if (status / 100 != 2) {
            response.body().close();
            throw new JobFailure(JobFailure.STORAGE_ERROR, "Fetching " + url + " answered HTTP " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : "") + ".");
        }
        return sourceFiles.save(response.body(), target);
    }
}
