package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.opencv_core.Mat;

import io.courtside.demo.SyntheticGame;

/**
 * Real face pictures for the player tests, fetched by {@code bench/fetch-test-faces.sh} from Debian's
 * python3-skimage package into target/test-faces (never committed): the astronaut photo is the registered
 * player, the Labeled Faces in the Wild crops are people nobody registered.
 */
public final class TestFaces {

    private static final Path DIR = Path.of("target/test-faces");
    /** The astronaut's face in astronaut.png (OpenCV's frontal cascade finds it at 176,66 97x97), with margin. */
    private static final int CROP_X = 128;
    private static final int CROP_Y = 18;
    private static final int CROP_SIZE = 194;

    private TestFaces() {
    }

    /** The registered player's photo (512x512 colour PNG). */
    public static Path astronautPhoto() {
        fetch();
        return DIR.resolve("astronaut.png");
    }

    /** The astronaut's head and shoulders, grey, for painting into synthetic games. */
    public static SyntheticGame.FaceScript astronaut(double start, double end, double x, double y, double height) {
        try (Mat grey = imread(astronautPhoto().toString(), IMREAD_GRAYSCALE)) {
            byte[] crop = new byte[CROP_SIZE * CROP_SIZE];
            for (int row = 0; row < CROP_SIZE; row++) {
                for (int col = 0; col < CROP_SIZE; col++) {
                    crop[row * CROP_SIZE + col] = grey.ptr(CROP_Y + row, CROP_X + col).get();
                }
            }
            return new SyntheticGame.FaceScript("astronaut", crop, CROP_SIZE, CROP_SIZE, start, end, x, y, height);
        }
    }

    /** Face {@code index} (0-99) of the LFW subset: 25x25 grey, edge-padded to 37x37 so the cascade sees a head. */
    public static SyntheticGame.FaceScript stranger(int index, double start, double end, double x, double y,
                                                    double height) {
        fetch();
        try {
            byte[] npy = Files.readAllBytes(DIR.resolve("lfw_subset.npy"));
            int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
            String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
            if (!header.contains("'<f8'") || !header.contains("(200, 25, 25)")) {
                throw new IllegalStateException("unexpected lfw_subset.npy layout: " + header);
            }
            ByteBuffer data = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
            int n = 25;
            int pad = 6;
            int size = n + 2 * pad;
            byte[] face = new byte[size * size];
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    int r = Math.max(0, Math.min(n - 1, row - pad));
                    int c = Math.max(0, Math.min(n - 1, col - pad));
                    double v = data.getDouble(10 + headerLength + 8 * (index * n * n + r * n + c));
                    face[row * size + col] = (byte) Math.round(16 + 219 * v);
                }
            }
            return new SyntheticGame.FaceScript("stranger" + index, face, size, size, start, end, x, y, height);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void fetch() {
        if (Files.isRegularFile(DIR.resolve("astronaut.png")) && Files.isRegularFile(DIR.resolve("lfw_subset.npy"))) {
            return;
        }
        try {
            Process p = new ProcessBuilder("bash", "bench/fetch-test-faces.sh", DIR.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bench/fetch-test-faces.sh failed: the player tests need Debian's"
                        + " python3-skimage package (apt-get download python3-skimage)");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not run bench/fetch-test-faces.sh", e);
        }
    }
}
