package io.courtside;

import io.courtside.demo.SyntheticGame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Test games: synthesised once per JVM with known cuts and loud moments, uploaded to the S3 server. */
public final class GameFixtures {

    private static SyntheticGame.GroundTruth demoGame;

    private GameFixtures() {
    }

    public static synchronized SyntheticGame.GroundTruth demoGame() throws IOException {
        if (demoGame == null) {
            Path file = Files.createTempDirectory("courtside-game-").resolve("game.mp4");
            demoGame = SyntheticGame.Script.basketballDemo().write(file);
        }
        return demoGame;
    }

    /** Puts the demo game at s3://bucket/key through the S3 API and returns that URL. */
    public static String uploadDemoGame(S3Client s3, String bucket, String key) throws IOException {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(),
                RequestBody.fromFile(demoGame().file()));
        return "s3://" + bucket + "/" + key;
    }
}
