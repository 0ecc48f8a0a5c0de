package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** ITU-R BS.1770-4 / EBU R128 integrated loudness of a file's 48 kHz audio, written out for the tests. */
final class Loudness {

    private Loudness() {
    }

    static double integratedLufs(Path file) throws Exception {
        List<double[]> channels = new ArrayList<>();
        int rate;
        List<Float> interleaved = new ArrayList<>();
        int n;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleFormat(AV_SAMPLE_FMT_FLT);
            g.start();
            rate = g.getSampleRate();
            n = g.getAudioChannels();
            Frame f;
            while ((f = g.grabSamples()) != null) {
                FloatBuffer s = (FloatBuffer) f.samples[0];
                for (int i = 0; i < s.limit(); i++) {
                    interleaved.add(s.get(i));
                }
            }
        }
        if (rate != 48_000) {
            throw new IllegalArgumentException("K-weighting coefficients here are for 48 kHz, got " + rate);
        }
        int frames = interleaved.size() / n;
        for (int c = 0; c < n; c++) {
            double[] x = new double[frames];
            for (int i = 0; i < frames; i++) {
                x[i] = interleaved.get(i * n + c);
            }
            x = biquad(x, new double[] {1.53512485958697, -2.69169618940638, 1.19839281085285},
                    new double[] {-1.69065929318241, 0.73248077421585});
            x = biquad(x, new double[] {1.0, -2.0, 1.0}, new double[] {-1.99004745483398, 0.99007225036621});
            channels.add(x);
        }
        int block = rate * 400 / 1000;
        int step = block / 4;
        List<Double> powers = new ArrayList<>();
        for (int start = 0; start + block <= frames; start += step) {
            double z = 0;
            for (double[] x : channels) {
                double sum = 0;
                for (int i = start; i < start + block; i++) {
                    sum += x[i] * x[i];
                }
                z += sum / block;
            }
            powers.add(z);
        }
        List<Double> absolute = powers.stream().filter(z -> lufs(z) > -70).toList();
        if (absolute.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = lufs(absolute.stream().mapToDouble(Double::doubleValue).average().orElseThrow()) - 10;
        return lufs(absolute.stream().filter(z -> lufs(z) > relative).mapToDouble(Double::doubleValue)
                .average().orElseThrow());
    }

    private static double lufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    private static double[] biquad(double[] x, double[] b, double[] a) {
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = b[0] * x[i] + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = v;
        }
        return y;
    }
}
