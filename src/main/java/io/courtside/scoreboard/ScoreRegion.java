package io.courtside.scoreboard;

/**
 * Where the score bug sits, as fractions of the frame (0-1), so it holds for any output size.
 */
public record ScoreRegion(double x, double y, double width, double height) {

    public ScoreRegion {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1.0001 || y + height > 1.0001) {
            throw new IllegalArgumentException("score region must lie inside the frame: " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** {@code [x, y, w, h]} as the API shows it. */
    public double[] asArray() {
        return new double[] {x, y, width, height};
    }
}
