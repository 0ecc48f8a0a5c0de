package io.courtside.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.cli.CourtsideClient;
import io.courtside.security.AccessKeys;
import io.courtside.config.CourtsideProperties;
import io.courtside.storage.EmbeddedObjectStore;
import io.courtside.kernel.ObjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The README's first command: once the service is up, make a sample game, put it in the store, submit it
 * through the public HTTP API like any caller, wait, and say where the highlight videos are. The service
 * stays up afterwards for more jobs.
 */
@Component
@ConditionalOnProperty(name = "courtside.demo.enabled", havingValue = "true")
public class DemoJob {

    private static final Logger log = LoggerFactory.getLogger(DemoJob.class);

    private final S3Client s3;
    private final CourtsideProperties properties;
    private final DemoProperties demo;
    private final ObjectProvider<EmbeddedObjectStore> embeddedStore;
    private final AccessKeys accessKeys;

    public DemoJob(S3Client s3, CourtsideProperties properties, DemoProperties demo, ObjectProvider<EmbeddedObjectStore> embeddedStore,
                   AccessKeys accessKeys) {
        this.s3 = s3;
        this.properties = properties;
        this.demo = demo;
        this.embeddedStore = embeddedStore;
        this.accessKeys = accessKeys;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent ready) {
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        Thread demo = new Thread(() -> {
            try {
                run("http://127.0.0.1:" + port);
            } catch (Exception e) {
                log.error("The demo job failed", e);
            }
        }, "courtside-demo");
        demo.start();
    }

    private void run(String api) throws Exception {
        String bucket = demo.bucket();
        Path game = Files.createDirectories(properties.dataDir().resolve("demo")).resolve("sample-game.mp4");
        double seconds = DemoGame.write(game);
        log.info("Demo: made a {} s sample game (7 shots, 3 loud moments, a score bug): {}", seconds,
                game.toAbsolutePath());
        s3.putObject(b -> b.bucket(bucket).key("demo/sample-game.mp4"), RequestBody.fromFile(game));

        Map<String, String> submit = new LinkedHashMap<>();
        submit.put("Action", "SubmitSportsHighlightsJob");
        submit.put("InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://" + bucket
                + "/demo/sample-game.mp4\"}");
        submit.put("OutputConfig", "{\"MediaURL\":\"s3://" + bucket + "/demo/highlight_{index}.mp4\",\"Count\":2,"
                + "\"Width\":1080,\"Height\":1920,\"MaxDuration\":12}");
        // The demo is a client like any other: it signs its calls with one of the service's AccessKeys.
        var key = accessKeys.first();
        CourtsideClient client = new CourtsideClient(api, key.map(Map.Entry::getKey).orElse(null),
                key.map(Map.Entry::getValue).orElse(null));
        JsonNode accepted = client.call(submit);
        String jobId = accepted.path("JobId").asText();
        log.info("Demo: submitted job {} (RequestId {})", jobId, accepted.path("RequestId").asText());

        JsonNode job = client.awaitEnd(jobId, state -> { });

        StringBuilder report = new StringBuilder("\n\nDemo job ").append(jobId).append(" ")
                .append(job.path("Status").asText()).append("\n");
        if (!job.path("Extend").path("ErrorCode").isMissingNode()) {
            report.append("  ").append(job.path("Extend").path("ErrorCode").asText()).append(": ")
                    .append(job.path("Extend").path("ErrorMessage").asText()).append("\n");
        }
        for (JsonNode sub : job.path("SubJobList")) {
            String url = sub.path("MediaURL").asText();
            report.append("  highlight ").append(url).append(" (").append(sub.path("Duration").asText()).append(" s)\n");
            EmbeddedObjectStore store = embeddedStore.getIfAvailable();
            if (store != null && url.startsWith("s3://")) {
                String[] parts = url.substring(5).split("/", 2);
                report.append("    local file: ").append(store.fileOf(new ObjectLocation(parts[0], parts[1]))
                        .toAbsolutePath()).append("\n");
            }
        }
        report.append("\nThe service stays up on ").append(api)
                .append(" for more jobs (see README.md for the API); Ctrl-C stops it.\n");
        log.info(report.toString());
    }
}
