package io.courtside.analysis;

/** Comparisons of small grey frames (same size, tightly packed). */
final class Pixels {
    private Pixels() {
    }

    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    /** Mean absolute difference between {@code m} and the blend (1 - w) * a + w * b. */
    static double distanceToBlend(byte[] m, byte[] a, byte[] b, double w) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            double blend = (1 - w) * (a[i] & 0xff) + w * (b[i] & 0xff);
            sum += Math.abs((m[i] & 0xff) - blend);
        }
        return sum / m.length;
    }

    static double mean(byte[] a) {
        long sum = 0;
        for (byte v : a) {
            sum += v & 0xff;
        }
        return sum / (double) a.length;
    }

    static double standardDeviation(byte[] a, double mean) {
        double sum = 0;
        for (byte v : a) {
            double d = (v & 0xff) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }

    /**
     * Averages {@code factor} x {@code factor} blocks of {@code src} (w x h, both divisible by factor) into
     * {@code dst} ((w / factor) x (h / factor)).
     */
    static void boxDownsample(byte[] src, int w, int h, int factor, byte[] dst) {
        int dw = w / factor;
        int dh = h / factor;
        int[] row = new int[dw];
        int area = factor * factor;
        for (int dy = 0; dy < dh; dy++) {
            java.util.Arrays.fill(row, 0);
            for (int y = dy * factor; y < (dy + 1) * factor; y++) {
                int offset = y * w;
                for (int dx = 0, x = 0; dx < dw; dx++) {
                    int sum = 0;
                    for (int k = 0; k < factor; k++, x++) {
                        sum += src[offset + x] & 0xff;
                    }
                    row[dx] += sum;
                }
            }
            for (int dx = 0; dx < dw; dx++) {
                dst[dy * dw + dx] = (byte) ((row[dx] + area / 2) / area);
            }
        }
    }
}
