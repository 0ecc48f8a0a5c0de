package io.courtside.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code courtside} command line: talks to a running service through its public API, like any caller.
 * <pre>
 *   java -jar courtside.jar submit game.mp4 --count 2 --size 1080x1920 --wait --download out/
 *   java -jar courtside.jar status JOBID | list [--status Finished] | cancel JOBID
 * </pre>
 * Exit codes: 0 done (or Finished), 1 the job Failed or was Canceled, 2 bad usage, 3 the service refused.
 */
public final class CourtsideCli {

    public static final Set<String> COMMANDS = Set.of("submit", "status", "list", "cancel", "help");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Uploads and downloads stream files; API calls go through the client.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PrintStream out;
    private final PrintStream err;
    private CourtsideClient client;
    private String endpoint;

    public CourtsideCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("courtside: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        client = new CourtsideClient(options.value("endpoint",
                System.getenv().getOrDefault("COURTSIDE_ENDPOINT", "http://127.0.0.1:8080")),
                options.value("access-key-id", System.getenv("COURTSIDE_ACCESS_KEY_ID")),
                options.value("access-key-secret", System.getenv("COURTSIDE_ACCESS_KEY_SECRET")));
        endpoint = client.endpoint();
        try {
            return switch (options.command()) {
                case "submit" -> submit(options);
                case "status" -> status(options.argument("JOBID"));
                case "list" -> list(options);
                case "cancel" -> cancel(options.argument("JOBID"));
                default -> {
                    out.println(USAGE);
                    yield 0;
                }
            };
        } catch (CourtsideClient.Refused e) {
            err.println("courtside: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            err.println("courtside: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("courtside: cannot reach " + endpoint + ": " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private int submit(Options options) throws IOException, InterruptedException {
        String source = options.argument("FILE or URL");
        String mediaUrl = source.matches("(?i)(s3|oss|https?)://.*") ? source : upload(Path.of(source));
        String[] size = options.value("size", "").isEmpty() ? new String[0] : options.value("size", "").split("x");
        if (size.length != 0 && size.length != 2) {
            throw new IllegalArgumentException("--size is WIDTHxHEIGHT, e.g. 1080x1920");
        }
        String bucket = mediaUrl.startsWith("s3://") ? mediaUrl.substring(5, mediaUrl.indexOf('/', 5)) : "courtside";
        String stem = Path.of(URI.create(mediaUrl.replace(" ", "%20")).getPath()).getFileName().toString()
                .replaceFirst("\\.[^.]*$", "");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("MediaURL", options.value("output",
                "s3://" + bucket + "/highlights/" + stem + "-" + System.currentTimeMillis() + "/highlight_{index}.mp4"));
        output.put("Count", Integer.parseInt(options.value("count", "1")));
        if (size.length == 2) {
            output.put("Width", Integer.parseInt(size[0]));
            output.put("Height", Integer.parseInt(size[1]));
        }
        if (options.has("max-duration")) {
            output.put("MaxDuration", Double.parseDouble(options.value("max-duration", "")));
        }
        Map<String, String> call = new LinkedHashMap<>();
        call.put("Action", "SubmitSportsHighlightsJob");
        call.put("InputConfig", JSON.writeValueAsString(Map.of("SportsCategory", options.value("sport", "basketball"),
                "InputMedia", mediaUrl)));
        call.put("OutputConfig", JSON.writeValueAsString(output));
        if (options.has("notify")) {
            call.put("UserData", JSON.writeValueAsString(Map.of("NotifyAddress", options.value("notify", ""))));
        }
        if (options.has("client-token")) {
            call.put("ClientToken", options.value("client-token", ""));
        }
        String jobId = rpc(call).path("JobId").asText();
        out.println("JobId " + jobId);
        if (!options.has("wait") && !options.has("download")) {
            return 0;
        }
        JsonNode job = waitForEnd(jobId);
        report(job);
        if (options.has("download") && job.path("Status").asText().equals("Finished")) {
            Path dir = Files.createDirectories(Path.of(options.value("download", ".")));
            for (JsonNode sub : job.path("SubJobList")) {
                String url = sub.path("MediaURL").asText();
                Path file = dir.resolve(url.substring(url.lastIndexOf('/') + 1));
                HttpResponse<Path> response = http.send(HttpRequest.newBuilder(client.filesUri("GET",
                        Map.of("url", url))).build(), HttpResponse.BodyHandlers.ofFile(file));
                if (response.statusCode() != 200) {
                    Files.deleteIfExists(file);
                    throw new CourtsideClient.Refused("download of " + url + " answered HTTP " + response.statusCode());
                }
                out.println("Downloaded " + file);
            }
        }
        return job.path("Status").asText().equals("Finished") ? 0 : 1;
    }

    private String upload(Path file) throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file (or give an s3://, oss:// or http(s):// URL)");
        }
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        err.println("Uploading " + file + " (" + Files.size(file) + " bytes)");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(client.filesUri("POST", Map.of("name", name)))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new CourtsideClient.Refused(answer);
        }
        return answer.path("MediaURL").asText();
    }

    private JsonNode waitForEnd(String jobId) throws IOException, InterruptedException {
        JsonNode job = client.awaitEnd(jobId, state -> {
            int progress = state.path("Progress").asInt();
            int filled = progress / 5;
            err.print("\r[" + "#".repeat(filled) + "-".repeat(20 - filled) + "] " + String.format("%3d%% %-14s",
                    progress, state.path("Stage").asText(state.path("Status").asText())));
        });
        err.println();
        return job;
    }

    private int status(String jobId) throws IOException, InterruptedException {
        JsonNode job = job(jobId);
        report(job);
        return 0;
    }

    private int list(Options options) throws IOException, InterruptedException {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("Action", "ListBatchMediaProducingJobs");
        call.put("MaxResults", options.value("max", "20"));
        if (options.has("status")) {
            call.put("Status", options.value("status", ""));
        }
        for (JsonNode job : rpc(call).path("EditingBatchJobList")) {
            out.printf("%s  %-10s %3d%%  %s%n", job.path("JobId").asText(), job.path("Status").asText(),
                    job.path("Progress").asInt(), job.path("CreateTime").asText());
        }
        return 0;
    }

    private int cancel(String jobId) throws IOException, InterruptedException {
        JsonNode answer = rpc(Map.of("Action", "CancelSportsHighlightsJob", "JobId", jobId));
        out.println(jobId + " " + answer.path("Status").asText());
        return 0;
    }

    private void report(JsonNode job) {
        out.println(job.path("JobId").asText() + " " + job.path("Status").asText()
                + (job.path("Extend").has("ErrorCode") ? " " + job.path("Extend").path("ErrorCode").asText() + ": "
                + job.path("Extend").path("ErrorMessage").asText() : ""));
        for (JsonNode sub : job.path("SubJobList")) {
            out.println("  " + sub.path("MediaURL").asText() + " " + sub.path("Duration").asText() + " s "
                    + sub.path("Status").asText());
        }
    }

    private JsonNode job(String jobId) throws IOException, InterruptedException {
        return client.job(jobId);
    }

    private JsonNode rpc(Map<String, String> parameters) throws IOException, InterruptedException {
        return client.call(parameters);
    }

    private static String encode(String value) {
        return CourtsideClient.encode(value);
    }

    /** A command, its positional arguments and its --options (a flag without a value is "true"). */
    private record Options(String command, List<String> arguments, Map<String, String> values) {

        private static final Set<String> FLAGS = Set.of("wait");

        static Options parse(String[] args) {
            List<String> arguments = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    String name = args[i].substring(2);
                    if (FLAGS.contains(name)) {
                        values.put(name, "true");
                    } else if (i + 1 < args.length) {
                        values.put(name, args[++i]);
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                } else {
                    arguments.add(args[i]);
                }
            }
            return new Options(args[0], arguments, values);
        }

        String argument(String what) {
            if (arguments.isEmpty()) {
                throw new IllegalArgumentException(command + " needs " + what);
            }
            return arguments.get(0);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        String value(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }
    }

    static final String USAGE = """
            usage: java -jar courtside.jar <command> [options]   (service: --endpoint URL or $COURTSIDE_ENDPOINT,
                                                                  default http://127.0.0.1:8080; AccessKey:
                                                                  --access-key-id ID --access-key-secret SECRET or
                                                                  $COURTSIDE_ACCESS_KEY_ID, $COURTSIDE_ACCESS_KEY_SECRET)
              submit FILE|URL [--sport basketball] [--count N] [--size WxH] [--max-duration SECONDS]
                              [--output s3://bucket/name_{index}.mp4] [--notify URL|QUEUE] [--client-token T]
                              [--wait] [--download DIR]
              status JOBID
              list [--status Init|Processing|Finished|Failed|Canceled] [--max N]
              cancel JOBID""";
}
