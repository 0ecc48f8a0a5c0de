package io.courtside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.MediaProbe;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The courtside CLI, run from the packaged jar as a user would, against a running service. */
class CliIT {

    static Path root;
    static ChildJvm service;
    static String endpoint;

    @BeforeAll
    static void folder() throws Exception {
        root = Files.createTempDirectory("courtside-cli-");
    }

    /** The service, started by the first test that talks to one (help and mistakes need none). */
    static synchronized String endpoint() throws Exception {
        if (service == null) {
            ServiceProcess described = ServiceProcess.embedded(root).readyWithin(Duration.ofMinutes(2));
            endpoint = "http://127.0.0.1:" + described.httpPort();
            service = described.start();
        }
        return endpoint;
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    @Test
    void submitWaitDownloadThenStatusListAndCancel() throws Exception {
        Path downloads = root.resolve("downloads");
        Run submit = cli("submit", GameFixtures.demoGame().file().toString(), "--count", "2", "--size", "320x180",
                "--max-duration", "4", "--wait", "--download", downloads.toString());
        assertThat(submit.exit()).as("stdout %s\nstderr %s", submit.out(), submit.err()).isZero();
        assertThat(submit.err()).contains("Uploading", "100%");
        Matcher id = Pattern.compile("JobId ([0-9a-f]{32})").matcher(submit.out());
        assertThat(id.find()).isTrue();
        String jobId = id.group(1);
        assertThat(submit.out()).contains(jobId + " Finished");
        for (int i = 0; i < 2; i++) {
            MediaProbe probe = MediaProbe.of(downloads.resolve("highlight_" + i + ".mp4"));
            assertThat(probe.width()).isEqualTo(320);
            assertThat(probe.height()).isEqualTo(180);
            assertThat(probe.durationSeconds()).isBetween(1.0, 4.1);
        }

        Run status = cli("status", jobId);
        assertThat(status.exit()).isZero();
        assertThat(status.out()).startsWith(jobId + " Finished").contains("highlight_1.mp4");

        Run list = cli("list", "--status", "Finished");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(jobId);

        Run cancel = cli("cancel", jobId);
        assertThat(cancel.exit()).isEqualTo(3);
        assertThat(cancel.err()).contains("InvalidParameter", "already ended (Finished)");
    }

    @Test
    void badUsageAndRefusalsSayWhatIsWrong() throws Exception {
        Run noFile = cli("submit");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("Missing required parameter: 'FILE|URL'",
                "Try: java -jar courtside.jar help submit");

        Run missing = cli("submit", root.resolve("no-such-game.mp4").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a file");

        Run badSport = cli("submit", "s3://courtside/x.mp4", "--sport", "curling");
        assertThat(badSport.exit()).isEqualTo(3);
        assertThat(badSport.err()).contains("'curling' is not a supported sport");
    }

    @Test
    void filesEndpointServesByteRangesForPlayers() throws Exception {
        Run upload = cli("submit", GameFixtures.demoGame().file().toString(), "--size", "320x180", "--max-duration", "3",
                "--wait");
        Matcher url = Pattern.compile("(s3://\\S+highlight_0\\.mp4)").matcher(upload.out());
        assertThat(url.find()).as(upload.out()).isTrue();
        HttpResponse<byte[]> part = HttpClient.newHttpClient().send(HttpRequest.newBuilder(io.courtside.security.FilesLinks.link(
                        URI.create(endpoint()), "GET", "url", url.group(1), CourtsideTestBase.TestKeys.ACCESS_KEY_ID,
                        CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET, System.currentTimeMillis() / 1000 + 300))
                .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 0-99/");
    }

    @Test
    void helpAndVersionPrintAndExitWithoutStartingTheService() throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("help"), List.of("-h"))) {
            Run help = standalone(args);
            assertThat(help.exit()).as("%s: %s %s", args, help.out(), help.err()).isZero();
            assertThat(help.out()).startsWith("Usage: courtside").contains("submit", "status", "list", "cancel",
                    "serve", "completion", "Exit codes:", "3  the service refused");
        }
        Run version = standalone(List.of("--version"));
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("courtside 0.").contains("Java 17");

        for (List<String> args : List.of(List.of("submit", "--help"), List.of("help", "submit"))) {
            Run submitHelp = standalone(args);
            assertThat(submitHelp.exit()).as("%s: %s", args, submitHelp.err()).isZero();
            assertThat(submitHelp.out()).startsWith("Usage: courtside submit").contains("FILE|URL", "--count=N",
                    "--size=WxH", "--max-duration=SECONDS", "--wait", "--download=DIR", "--endpoint=URL");
        }
    }

    @Test
    void mistakesExitTwoWithWhatToType() throws Exception {
        Run unknown = standalone(List.of("submit", "game.mp4", "--bogus"));
        assertThat(unknown.exit()).isEqualTo(CourtsideCli.USAGE).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'", "Try: java -jar courtside.jar help submit");

        Run typo = standalone(List.of("submt", "game.mp4"));
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean", "courtside submit");

        Run badSize = standalone(List.of("submit", "game.mp4", "--size", "1080"));
        assertThat(badSize.exit()).isEqualTo(2);
        assertThat(badSize.err()).contains("'1080' is not WIDTHxHEIGHT; type e.g. --size 1080x1920");

        Run badStatus = standalone(List.of("list", "--status", "Done"));
        assertThat(badStatus.exit()).isEqualTo(2);
        assertThat(badStatus.err()).contains("expected one of [Init, Processing, Finished, Failed, Canceled]");
    }

    @Test
    void completionScriptLoadsInBash() throws Exception {
        Run completion = standalone(List.of("completion"));
        assertThat(completion.exit()).isZero();
        Path script = root.resolve("courtside-completion.bash");
        Files.writeString(script, completion.out());
        // bash itself loads it and registers completion for the command and its subcommands' options.
        Process bash = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p courtside"
                + " && declare -f _picocli_courtside_submit").redirectErrorStream(true).start();
        String shown = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(shown).isZero();
        assertThat(shown).contains("-F _complete_courtside courtside", "--max-duration", "--download");
    }

    /**
     * The jar run as a user would, with its own data folder and port: help must come back at once, with the
     * port never opened and nothing written (the service would create its broker journal, store and database).
     */
    private static Run standalone(List<String> args) throws Exception {
        Path data = Files.createTempDirectory(root, "standalone-data-");
        int port = CourtsideTestBase.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("courtside.jar", "target/courtside.jar")));
        command.addAll(args);
        Path out = Files.createTempFile(root, "cli", ".out");
        Path err = Files.createTempFile(root, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .directory(data.toFile());
        builder.environment().put("COURTSIDE_DATA_DIR", data.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        // It must end on its own (the service never does): about two seconds on an idle machine, bounded at three
        // minutes for a machine shared with other builds (a 2-core one at load 30 took over a minute).
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        boolean listening;
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            listening = true;
        } catch (java.io.IOException e) {
            listening = false;
        }
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        assertThat(ended).as("%s still running after 3 minutes (it started the service?)%n%s", args,
                Files.readString(out)).isTrue();
        assertThat(listening).as("%s opened the service's port", args).isFalse();
        try (var written = Files.list(data)) {
            assertThat(written).as("%s wrote into the working/data folder", args).isEmpty();
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("courtside.jar", "target/courtside.jar")));
        command.addAll(List.of(args));
        command.add("--endpoint");
        command.add(endpoint());
        Path out = Files.createTempFile(root, "cli", ".out");
        Path err = Files.createTempFile(root, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("COURTSIDE_ACCESS_KEY_ID", CourtsideTestBase.TestKeys.ACCESS_KEY_ID);
        builder.environment().put("COURTSIDE_ACCESS_KEY_SECRET", CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
