package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Answer;
import io.courtside.RpcClient;
import io.courtside.analysis.ReplayAndPlayerTest;
import io.courtside.analysis.TestFaces;
import io.courtside.api.RpcApi;
import io.courtside.demo.SyntheticGame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The contract for registrations, through the public API: a logo in the store and a face photo on the web are
 * fetched and used (replays, the player and their reasons show in ExtendOutput); a registered photo that is not
 * an image is a warning; a logo or photo that does not exist fails the job InvalidParameter naming the entry.
 */
class RegistrationsEndToEndTest extends EndToEndTestBase {

    @TempDir
    static Path dir;
    CallbackReceiver web;
    String base;

    @BeforeEach
    void serve() throws Exception {
        web = new CallbackReceiver()
                .answer("/astronaut.png", Answer.file(TestFaces.astronautPhoto()))
                .answer("/gone.png", Answer.status(404));
        base = web.url("");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void registeredLogoAndPlayerShowInTheTimelineAndAnUnusablePhotoIsAWarning() throws Exception {
        SyntheticGame.GroundTruth game = ReplayAndPlayerTest.game().write(dir.resolve("replays.mp4"));
        s3.putObject(b -> b.bucket("courtside").key("games/replays.mp4"), RequestBody.fromFile(game.file()));
        Path logo = dir.resolve("logo.png");
        SyntheticGame.writeLogo(logo);
        s3.putObject(b -> b.bucket("courtside").key("logos/replay.png"), RequestBody.fromFile(logo));
        Path notes = dir.resolve("notes.png");
        Files.writeString(notes, "not a picture, whatever the name says");
        s3.putObject(b -> b.bucket("courtside").key("faces/notes.png"), RequestBody.fromFile(notes));

        JsonNode job = run("games/replays.mp4", "\"SlowMotionLogoRegister\":{\"SlowMotionLogoUrls\":"
                + "[\"s3://courtside/logos/replay.png\"]},\"FaceRegister\":["
                + "{\"Name\":\"Player A\",\"FaceUrls\":[\"" + base + "/astronaut.png\"]},"
                + "{\"Name\":\"Player B\",\"FaceUrls\":[\"s3://courtside/faces/notes.png\"]}]", "reg/ok_{index}.mp4");

        assertThat(job.path("Status").asText()).as("%s", job).isEqualTo("Finished");
        JsonNode timeline = job.path("ExtendOutput");
        assertThat(timeline.path("Replays")).hasSize(2);
        // Why: each replay's two logo appearances (time, size, place, confidence), alike and around its ends.
        JsonNode appearances = timeline.path("LogoAppearances");
        assertThat(appearances).as("%s", timeline).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode a = appearances.get(i);
            JsonNode replay = timeline.path("Replays").get(i / 2);
            double end = replay.path(i % 2 == 0 ? "Start" : "End").asDouble();
            assertThat(end).isBetween(a.path("Start").asDouble(), a.path("End").asDouble());
            assertThat(a.path("Peak").asDouble()).isBetween(a.path("Start").asDouble(), a.path("End").asDouble());
            assertThat(a.path("X").asDouble()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
            assertThat(a.path("Y").asDouble()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
            assertThat(a.path("Height").asDouble()).isBetween(0.15, 0.5);
            assertThat(a.path("Confidence").asDouble()).isBetween(0.55, 1.0);
            assertThat(a.path("Logo").asInt()).isZero();
        }
        assertThat(timeline.path("Players")).hasSize(1);
        assertThat(timeline.path("Players").get(0).path("Name").asText()).isEqualTo("Player A");
        List<String> warnings = new ArrayList<>();
        timeline.path("Warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(
                "InputConfig.FaceRegister[1].FaceUrls[0] (s3://courtside/faces/notes.png)", "is not an image"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Player B has no usable photo"));
        List<JsonNode> clips = new ArrayList<>();
        timeline.path("Clips").forEach(clips::add);
        assertThat(clips).anySatisfy(c -> {
            assertThat(c.path("Reason").asText()).startsWith("replay");
            assertThat(c.path("Events").path("Replay").asBoolean()).isTrue();
        });
        assertThat(clips).allSatisfy(c -> assertThat(c.path("Events").path("Players").isArray()).isTrue());
    }

    @Test
    void aMissingLogoFailsTheJobNamingTheEntry() throws Exception {
        JsonNode job = run(demoGame(), "\"SlowMotionLogoRegister\":{\"SlowMotionLogoUrls\":"
                + "[\"s3://courtside/logos/never-uploaded.png\"]}", "reg/missing_{index}.mp4");
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo("InvalidParameter");
        assertThat(job.path("Extend").path("ErrorMessage").asText()).contains(
                "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[0] (s3://courtside/logos/never-uploaded.png)",
                "does not exist");
    }

    @Test
    void aFacePhotoUrlAnswering404FailsTheJobNamingTheEntry() throws Exception {
        JsonNode job = run(demoGame(), "\"FaceRegister\":[{\"Name\":\"Player A\",\"FaceUrls\":[\"" + base
                + "/gone.png\"]}]", "reg/gone_{index}.mp4");
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo("InvalidParameter");
        assertThat(job.path("Extend").path("ErrorMessage").asText()).contains(
                "InputConfig.FaceRegister[0].FaceUrls[0] (" + base + "/gone.png)", "does not exist", "HTTP 404");
    }

    private String demoGame() {
        Path file = dir.resolve("demo.mp4");
        if (!Files.exists(file)) {
            SyntheticGame.Script.basketballDemo().write(file);
            s3.putObject(b -> b.bucket("courtside").key("games/demo-reg.mp4"), RequestBody.fromFile(file));
        }
        return "games/demo-reg.mp4";
    }

    private JsonNode run(String key, String registrations, String output) throws Exception {
        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/" + key + "\","
                        + registrations + "}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/" + output + "\",\"Count\":2,\"Width\":320,"
                        + "\"Height\":180,\"MaxDuration\":8}");
        assertThat(submitted.status()).as("answer %s", submitted.body()).isEqualTo(200);
        return JobPolling.awaitEnd(rpc, submitted.body().path("JobId").asText(), Duration.ofMinutes(2));
    }
}
