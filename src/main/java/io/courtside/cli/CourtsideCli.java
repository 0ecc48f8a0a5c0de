package io.courtside.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code courtside} command line (picocli): talks to a running service through its public API, like any
 * caller. With no command, or with {@code serve}, the jar starts the service instead; {@link #serviceArguments}
 * decides that before anything starts.
 * <pre>
 *   java -jar courtside.jar submit game.mp4 --count 2 --size 1080x1920 --wait --download out/
 *   java -jar courtside.jar status JOBID | list [--status Finished] | cancel JOBID | help [COMMAND]
 * </pre>
 * Exit codes: see {@link #EXIT_CODES}.
 */
@Command(name = "courtside", mixinStandardHelpOptions = true, versionProvider = CourtsideCli.Version.class,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {"Courtside, a sports highlights job engine.",
                "With no command (or with 'serve') the jar starts the service; the commands below are clients of a"
                        + " running service, through its public API."},
        subcommands = {CourtsideCli.Serve.class, CourtsideCli.Submit.class, CourtsideCli.Status.class,
                CourtsideCli.ListJobs.class, CourtsideCli.Cancel.class, CourtsideCli.Completion.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  the job failed or was canceled", "  2  bad usage (the message says what to type)",
                "  3  the service refused (ICE's code and message) or cannot be reached"})
public final class CourtsideCli implements Callable<Integer> {

    public static final int DONE = 0;
    public static final int JOB_FAILED = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
    /** The exit codes as README documents them. */
    public static final Map<Integer, String> EXIT_CODES = Map.of(DONE, "done", JOB_FAILED,
            "the job failed or was canceled", USAGE, "bad usage", REFUSED, "the service refused or cannot be reached");

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The arguments to start the service with, or empty when {@code args} are a client command (or help, or a
     * mistake) for {@link #execute}. The service starts with no arguments, with Spring-style {@code --key=value}
     * arguments only, or after {@code serve}.
     */
    public static Optional<String[]> serviceArguments(String[] args) {
        if (args.length == 0) {
            return Optional.of(args);
        }
        if (args[0].equals("serve")) {
            List<String> rest = List.of(args).subList(1, args.length);
            return rest.stream().anyMatch(TOP_LEVEL_OPTIONS::contains) ? Optional.empty()
                    : Optional.of(rest.toArray(String[]::new));
        }
        boolean springArguments = List.of(args).stream().allMatch(a -> a.startsWith("--") && a.contains("=")
                || a.equals("--debug") || a.equals("--trace"));
        return springArguments ? Optional.of(args) : Optional.empty();
    }

    /** Runs a client command, help or completion; returns the exit code. Starts nothing. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = commandLine(out, err);
        return line.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new CourtsideCli());
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("courtside: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Try: java -jar courtside.jar " + helpFor(e.getCommandLine()));
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter w = command.getErr();
            if (e instanceof CourtsideClient.Refused) {
                w.println("courtside: " + e.getMessage());
                return REFUSED;
            }
            if (e instanceof IOException) {
                String endpoint = command.getCommand() instanceof ClientCommand c ? c.service.endpoint() : "the service";
                w.println("courtside: cannot reach " + endpoint + " (" + e + "); is the service running? Set"
                        + " --endpoint URL or $COURTSIDE_ENDPOINT.");
                return REFUSED;
            }
            if (e instanceof IllegalArgumentException) {
                w.println("courtside: " + e.getMessage());
                w.println("Try: java -jar courtside.jar " + helpFor(command));
                return USAGE;
            }
            throw e;
        });
        return line;
    }

    private static String helpFor(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ").replaceFirst("^courtside ?", "");
        return name.isEmpty() ? "--help" : "help " + name;
    }

    @Override
    public Integer call() {
        // Only reached for arguments main did not take as the service's (e.g. a stray word): show what exists.
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** The jar's version (from its manifest) and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(CourtsideCli.class.getPackage().getImplementationVersion())
                    .orElse("(development build)");
            return new String[] {"courtside " + version,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Start the service (the same as giving no command): API, console, workers and, by"
                    + " default, the embedded broker, object store and database under ./data.",
                    "Any setting may follow as --key=value, e.g. --courtside.demo.enabled=true or --server.port=9090."})
    static final class Serve implements Callable<Integer> {
        @Parameters(paramLabel = "--key=value", arity = "0..*", description = "settings, as in config/application.yaml")
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() {
            // main starts the service before picocli runs; this is only reached for serve's help.
            return DONE;
        }
    }

    /** Where the service is and the AccessKey to sign calls with; every client command takes them. */
    static final class ServiceOptions {
        @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:COURTSIDE_ENDPOINT:-http://127.0.0.1:8080}",
                description = "the service's address (default: $COURTSIDE_ENDPOINT, else ${DEFAULT-VALUE})")
        String endpoint;

        @Option(names = "--access-key-id", paramLabel = "ID", defaultValue = "${env:COURTSIDE_ACCESS_KEY_ID}",
                description = "AccessKeyId to sign calls with (default: $COURTSIDE_ACCESS_KEY_ID)")
        String accessKeyId;

        @Option(names = "--access-key-secret", paramLabel = "SECRET", defaultValue = "${env:COURTSIDE_ACCESS_KEY_SECRET}",
                description = "its secret (default: $COURTSIDE_ACCESS_KEY_SECRET)")
        String accessKeySecret;

        private CourtsideClient client;

        CourtsideClient client() {
            if (client == null) {
                client = new CourtsideClient(endpoint, accessKeyId, accessKeySecret);
            }
            return client;
        }

        String endpoint() {
            return endpoint;
        }
    }

    /** A command that calls the service. */
    abstract static class ClientCommand implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        void report(JsonNode job) {
            out().println(job.path("JobId").asText() + " " + job.path("Status").asText()
                    + (job.path("Extend").has("ErrorCode") ? " " + job.path("Extend").path("ErrorCode").asText()
                    + ": " + job.path("Extend").path("ErrorMessage").asText() : ""));
            for (JsonNode sub : job.path("SubJobList")) {
                out().println("  " + sub.path("MediaURL").asText() + " " + sub.path("Duration").asText() + " s "
                        + sub.path("Status").asText());
            }
        }
    }

    /** An output size, WIDTHxHEIGHT. */
    record Size(int width, int height) {
        static Size parse(String text) {
            String[] parts = text.toLowerCase().split("x");
            try {
                if (parts.length == 2) {
                    return new Size(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not WIDTHxHEIGHT; type e.g. --size 1080x1920");
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
            description = "Submit a game for highlights: a local file (uploaded through the service) or a URL.")
    static final class Submit extends ClientCommand {

        // Loaded by the commands that call the service only: help and mistakes stay quick.
        private static final ObjectMapper JSON = new ObjectMapper();

        // Uploads and downloads stream files; API calls go through the client.
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        @Parameters(index = "0", paramLabel = "FILE|URL",
                description = "the game: a local video file, or s3://, oss://, http(s):// URL")
        String source;

        @Option(names = "--sport", defaultValue = "basketball", description = "sport profile (default: ${DEFAULT-VALUE})",
                completionCandidates = Sports.class)
        String sport;

        @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "highlights to make, 1-10 (default: 1)")
        int count;

        @Option(names = "--size", paramLabel = "WxH", converter = SizeConverter.class,
                description = "output size, e.g. 1080x1920 (default: the source's)")
        Size size;

        @Option(names = "--max-duration", paramLabel = "SECONDS", description = "longest highlight (default: the sport's)")
        Double maxDuration;

        @Option(names = "--output", paramLabel = "URL", description = "where to put them, e.g. s3://bucket/name_{index}.mp4")
        String output;

        @Option(names = "--notify", paramLabel = "URL|QUEUE", description = "callback URL, or a queue named ice-callback...")
        String notify;

        @Option(names = "--client-token", paramLabel = "TOKEN", description = "idempotency token: repeats return the same JobId")
        String clientToken;

        @Option(names = "--wait", description = "wait for the job to end, with a progress bar")
        boolean await;

        @Option(names = "--download", paramLabel = "DIR", description = "wait, then download the highlights into DIR")
        Path download;

        @Override
        public Integer call() throws IOException, InterruptedException {
            CourtsideClient client = service.client();
            String mediaUrl = source.matches("(?i)(s3|oss|https?)://.*") ? source : upload(client, Path.of(source));
            String bucket = mediaUrl.startsWith("s3://") ? mediaUrl.substring(5, mediaUrl.indexOf('/', 5)) : "courtside";
            String stem = Path.of(URI.create(mediaUrl.replace(" ", "%20")).getPath()).getFileName().toString()
                    .replaceFirst("\\.[^.]*$", "");
            Map<String, Object> outputConfig = new LinkedHashMap<>();
            outputConfig.put("MediaURL", output != null ? output
                    : "s3://" + bucket + "/highlights/" + stem + "-" + System.currentTimeMillis() + "/highlight_{index}.mp4");
            outputConfig.put("Count", count);
            if (size != null) {
                outputConfig.put("Width", size.width());
                outputConfig.put("Height", size.height());
            }
            if (maxDuration != null) {
                outputConfig.put("MaxDuration", maxDuration);
            }
            Map<String, String> call = new LinkedHashMap<>();
            call.put("Action", "SubmitSportsHighlightsJob");
            call.put("InputConfig", JSON.writeValueAsString(Map.of("SportsCategory", sport, "InputMedia", mediaUrl)));
            call.put("OutputConfig", JSON.writeValueAsString(outputConfig));
            if (notify != null) {
                call.put("UserData", JSON.writeValueAsString(Map.of("NotifyAddress", notify)));
            }
            if (clientToken != null) {
                call.put("ClientToken", clientToken);
            }
            String jobId = client.call(call).path("JobId").asText();
            out().println("JobId " + jobId);
            if (!await && download == null) {
                return DONE;
            }
            JsonNode job = waitForEnd(client, jobId);
            report(job);
            boolean finished = job.path("Status").asText().equals("Finished");
            if (download != null && finished) {
                Path dir = Files.createDirectories(download);
                for (JsonNode sub : job.path("SubJobList")) {
                    String url = sub.path("MediaURL").asText();
                    Path file = dir.resolve(url.substring(url.lastIndexOf('/') + 1));
                    HttpResponse<Path> response = http.send(HttpRequest.newBuilder(client.filesUri("GET",
                            Map.of("url", url))).build(), HttpResponse.BodyHandlers.ofFile(file));
                    if (response.statusCode() != 200) {
                        Files.deleteIfExists(file);
                        throw new CourtsideClient.Refused("download of " + url + " answered HTTP " + response.statusCode());
                    }
                    out().println("Downloaded " + file);
                }
            }
            return finished ? DONE : JOB_FAILED;
        }

        private String upload(CourtsideClient client, Path file) throws IOException, InterruptedException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a file; give a video file or an s3://, oss:// or"
                        + " http(s):// URL");
            }
            String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            err().println("Uploading " + file + " (" + Files.size(file) + " bytes)");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(client.filesUri("POST", Map.of("name", name)))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new CourtsideClient.Refused(answer);
            }
            return answer.path("MediaURL").asText();
        }

        /** Polls until the job ends, drawing progress and stage on stderr with progressbar. */
        private JsonNode waitForEnd(CourtsideClient client, String jobId) throws IOException, InterruptedException {
            err().flush();
            PrintStream stderr = new PrintStream(new WriterStream(err()), true, StandardCharsets.UTF_8);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Job").setInitialMax(100)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit("%", 1)
                    .hideEta().setConsumer(new ConsoleProgressBarConsumer(stderr)).build()) {
                JsonNode job = client.awaitEnd(jobId, state -> {
                    bar.stepTo(state.path("Progress").asInt());
                    bar.setExtraMessage(state.path("Stage").asText(state.path("Status").asText()));
                });
                if (job.path("Status").asText().equals("Finished")) {
                    bar.stepTo(100);
                }
                bar.setExtraMessage(job.path("Status").asText());
                return job;
            } finally {
                stderr.flush();
            }
        }
    }

    /** Bytes to picocli's error writer, so the bar goes where the command's other messages go. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void flush() {
            writer.print(pending.toString(StandardCharsets.UTF_8));
            writer.flush();
            pending.reset();
        }
    }

    static final class SizeConverter implements CommandLine.ITypeConverter<Size> {
        @Override
        public Size convert(String value) {
            return Size.parse(value);
        }
    }

    /** Sports shipped in config/sports, offered by the completion script. */
    static final class Sports extends ArrayList<String> {
        Sports() {
            super(List.of("basketball", "pingpong", "tennis"));
        }
    }

    enum JobState { Init, Processing, Finished, Failed, Canceled }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Show a job's status and outputs.")
    static final class Status extends ClientCommand {
        @Parameters(paramLabel = "JOBID", description = "the JobId that submit printed")
        String jobId;

        @Override
        public Integer call() throws IOException, InterruptedException {
            report(service.client().job(jobId));
            return DONE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List jobs, newest first.")
    static final class ListJobs extends ClientCommand {
        @Option(names = "--status", description = "only jobs in this state: ${COMPLETION-CANDIDATES}")
        JobState status;

        @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "at most N jobs, 1-100 (default: 20)")
        int max;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Map<String, String> call = new LinkedHashMap<>();
            call.put("Action", "ListBatchMediaProducingJobs");
            call.put("MaxResults", Integer.toString(max));
            if (status != null) {
                call.put("Status", status.name());
            }
            for (JsonNode job : service.client().call(call).path("EditingBatchJobList")) {
                out().printf("%s  %-10s %3d%%  %s%n", job.path("JobId").asText(), job.path("Status").asText(),
                        job.path("Progress").asInt(), job.path("CreateTime").asText());
            }
            return DONE;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Cancel a queued or running job.")
    static final class Cancel extends ClientCommand {
        @Parameters(paramLabel = "JOBID", description = "the JobId to cancel")
        String jobId;

        @Override
        public Integer call() throws IOException, InterruptedException {
            JsonNode answer = service.client().call(Map.of("Action", "CancelSportsHighlightsJob", "JobId", jobId));
            out().println(jobId + " " + answer.path("Status").asText());
            return DONE;
        }
    }

    /** Class path location of the completion script the build generates (pom.xml, picocli's AutoComplete). */
    static final String COMPLETION_SCRIPT = "courtside-completion.bash";

    @Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Print the bash/zsh completion script for the commands and options (made at build time).",
                    "Use: alias courtside='java -jar /path/to/courtside.jar'; source <(courtside completion)"})
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (InputStream script = CourtsideCli.class.getClassLoader().getResourceAsStream(COMPLETION_SCRIPT)) {
                if (script == null) {
                    throw new IllegalStateException("this build carries no " + COMPLETION_SCRIPT
                            + ": build the jar with ./mvnw package, which generates it");
                }
                spec.commandLine().getOut().print(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().flush();
            return DONE;
        }
    }
}
