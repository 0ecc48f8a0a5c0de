package io.courtside.analysis;

import java.util.Map;
import io.courtside.config.BundledDefaults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.StageProgress;

/**
 * Replays (a logo flying in and out, scaled and semi-transparent, around slowed-down footage) and registered
 * players (a real face photo registered, the same face shown in known frames, strangers' faces elsewhere) in
 * one decode pass, scored against the generator's ground truth.
 */
public class ReplayAndPlayerTest {

    // Faces searched twice a second (the default is once) so the player's few seconds give enough sampled
    // frames for recall to mean something.
    private static final AnalysisProperties DENSE_FACES = BundledDefaults.bind("courtside.analysis",
            AnalysisProperties.class, Map.of("courtside.analysis.faces-per-second", "2"));


    /** A replay's detected ends may be off by this much (the logo's middle is the boundary, sampled every 2nd frame). */
    private static final double REPLAY_TOLERANCE = 0.25;

    @TempDir
    Path dir;

    /**
     * The game of these tests: two replays, the astronaut in 12-16 s, two strangers elsewhere. Faces come in at
     * cuts (a face popping up mid-shot would rightly read as a cut).
     */
    public static SyntheticGame.Script game() {
        return new SyntheticGame.Script(640, 360, 25,
                List.of(4.0, 5.0, 3.0, 6.0, 5.0, 4.0, 3.6, 5.0),
                List.of(new LoudMoment(6.0, 2.5), new LoudMoment(19.5, 2.0), new LoudMoment(24.0, 2.5)))
                .withReplay(2, 1)         // 9.0-12.0 repeats shot 1
                .withReplay(6, 5)         // 27.0-30.6 repeats shot 5
                .withDissolve(3, 1.0)
                .withFlash(16.0, 2)
                .withFace(TestFaces.astronaut(12.0, 16.0, 0.62, 0.15, 0.4))
                .withFace(TestFaces.stranger(0, 23.0, 26.0, 0.1, 0.3, 0.4))
                .withFace(TestFaces.stranger(3, 30.6, 33.6, 0.55, 0.2, 0.45));
    }

    public static RegisteredMedia astronautAndLogo(Path dir) throws Exception {
        Path logo = dir.resolve("logo.png");
        SyntheticGame.writeLogo(logo);
        Path photo = dir.resolve("astronaut.png");
        Files.copy(TestFaces.astronautPhoto(), photo);
        return new RegisteredMedia(List.of(new RegisteredMedia.Image("logo", logo)),
                List.of(new RegisteredMedia.Player("Player A",
                        List.of(new RegisteredMedia.Image("FaceRegister[0].FaceUrls[0]", photo)))), List.of());
    }

    @Test
    void everyReplayAndTheRegisteredPlayerAreFoundAndNobodyElseIsNamed() throws Exception {
        SyntheticGame.GroundTruth truth = game().write(dir.resolve("game.mp4"));
        GameAnalysis analysis = new GameAnalyzer(DENSE_FACES)
                .analyze(truth.file(), astronautAndLogo(dir), StageProgress.NONE);

        // Replays: recall 1.0 and precision 1.0, ends within the tolerance.
        assertEquals(truth.replays().size(), analysis.replays().size(), "replays found: " + analysis.replays());
        for (int i = 0; i < truth.replays().size(); i++) {
            SyntheticGame.ReplayTruth expected = truth.replays().get(i);
            Replay found = analysis.replays().get(i);
            assertTrue(Math.abs(found.start() - expected.start()) <= REPLAY_TOLERANCE
                    && Math.abs(found.end() - expected.end()) <= REPLAY_TOLERANCE, expected + " vs " + found);
        }

        // The logo flying over the cuts into and out of the replays adds no boundary and hides none.
        double frame = 1 / truth.fps();
        List<Double> boundaries = analysis.shots().subList(1, analysis.shots().size()).stream()
                .map(Shot::start).toList();
        assertEquals(truth.transitions().size(), boundaries.size(), "boundaries " + boundaries);
        for (SyntheticGame.TransitionTruth t : truth.transitions()) {
            assertTrue(boundaries.stream().anyMatch(b -> b >= t.start() - frame - 1e-6 && b <= t.end() + frame + 1e-6),
                    t + " not found in " + boundaries);
        }

        // Players: every sighting is the registered player inside the frames showing her (precision 1.0: the
        // strangers and the logo are never named) and most sampled frames showing her have a sighting (recall).
        SyntheticGame.FaceTruth astronaut = truth.faces().get(0);
        assertTrue(analysis.players().stream().allMatch(s -> s.name().equals("Player A")), "" + analysis.players());
        for (PlayerSighting s : analysis.players()) {
            assertTrue(s.time() >= astronaut.start() - 1e-6 && s.time() < astronaut.end(), "false sighting " + s);
            assertTrue(s.confidence() >= 0.5 && s.confidence() <= 1, "" + s);
            assertTrue(s.x() > 0.55 && s.x() < 0.95 && s.y() >= 0.1 && s.y() < 0.6, "face box " + s);
        }
        long step = Math.round(truth.fps() / DENSE_FACES.facesPerSecond());
        long samples = java.util.stream.LongStream.range(0, truth.frameCount()).filter(f -> f % step == 0)
                .mapToDouble(f -> f / truth.fps()).filter(t -> t >= astronaut.start() && t < astronaut.end()).count();
        assertTrue(samples >= 6 && analysis.players().size() >= 0.8 * samples,
                "recall: " + analysis.players().size() + " sightings of " + samples + " sampled frames");
        assertTrue(registrationWarnings(analysis).isEmpty(), "" + analysis.warnings());
    }

    /** The warnings about registrations (this footage has no score bug: that warning is another matter). */
    private static List<String> registrationWarnings(GameAnalysis analysis) {
        return analysis.warnings().stream().filter(w -> !w.startsWith("No score bug")).toList();
    }

    @Test
    void unusableRegistrationsAreWarningsAndTheRestStillWorks() throws Exception {
        SyntheticGame.GroundTruth truth = new SyntheticGame.Script(640, 360, 25, List.of(3.0, 3.0, 3.0),
                List.of()).withReplay(1, 0).write(dir.resolve("short.mp4"));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        Path logo = dir.resolve("logo.png");
        SyntheticGame.writeLogo(logo);
        RegisteredMedia registered = new RegisteredMedia(
                List.of(new RegisteredMedia.Image("SlowMotionLogoUrls[0] (notes.png)", text),
                        new RegisteredMedia.Image("SlowMotionLogoUrls[1] (logo.png)", logo)),
                List.of(new RegisteredMedia.Player("Player B",
                        List.of(new RegisteredMedia.Image("FaceRegister[0].FaceUrls[0] (logo.png)", logo)))),
                List.of());
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(truth.file(), registered, StageProgress.NONE);

        String warnings = String.join("\n", registrationWarnings(analysis));
        assertTrue(warnings.contains("SlowMotionLogoUrls[0] (notes.png) is not an image"), warnings);
        assertTrue(warnings.contains("no face found in FaceRegister[0].FaceUrls[0] (logo.png)"), warnings);
        assertTrue(warnings.contains("Player B has no usable photo"), warnings);
        assertEquals(3, registrationWarnings(analysis).size(), warnings);
        assertEquals(1, analysis.replays().size(), "the usable logo still finds the replay: " + analysis.replays());
        assertTrue(analysis.players().isEmpty());
    }

    @Test
    void noLogoNoReplay() throws Exception {
        // Same footage without the logo painted: the registered logo must find nothing (no false replay).
        SyntheticGame.GroundTruth truth = new SyntheticGame.Script(640, 360, 25, List.of(3.0, 4.0, 3.0, 4.0),
                List.of()).withFlash(5.0, 2).withDissolve(1, 1.0).write(dir.resolve("plain.mp4"));
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(truth.file(), astronautAndLogo(dir), StageProgress.NONE);
        assertTrue(analysis.replays().isEmpty(), "" + analysis.replays());
        assertTrue(analysis.players().isEmpty(), "" + analysis.players());
    }
}
