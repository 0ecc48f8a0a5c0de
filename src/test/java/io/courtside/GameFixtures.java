package io.courtside;

import io.courtside.demo.SyntheticGame;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
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

    /**
     * A client of the embedded store of a service running in another process (its default credentials), as a
     * caller would reach it.
     */
    public static S3Client storeClient(int s3Port) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("courtside",
                        "courtside-secret")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /**
     * Four times the demo game (2 minutes, copied with the ffmpeg CLI: no re-encode), at s3://bucket/key: an analysis
     * long enough to be caught in the act by a crash test. Returns that URL.
     */
    public static String uploadLongGame(S3Client s3, String bucket, String key, Path folder)
            throws IOException, InterruptedException {
        Path longGame = folder.resolve("long.mp4");
        Process loop = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-stream_loop", "3", "-i",
                demoGame().file().toString(), "-c", "copy", longGame.toString()).inheritIO().start();
        if (loop.waitFor() != 0) {
            throw new IOException("ffmpeg could not loop the demo game into " + longGame);
        }
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(longGame));
        return "s3://" + bucket + "/" + key;
    }

    /** Puts the demo game at s3://bucket/key through the S3 API and returns that URL. */
    public static String uploadDemoGame(S3Client s3, String bucket, String key) throws IOException {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(),
                RequestBody.fromFile(demoGame().file()));
        return "s3://" + bucket + "/" + key;
    }
}
