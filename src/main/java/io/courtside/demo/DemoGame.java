package io.courtside.demo;

import io.courtside.render.EncoderSettings;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The README demo's sample game, made on the spot so the demo downloads nothing: about 30 s of 640x360 at 25 fps,
 * seven camera shots with hard cuts (each its own colours and a texture that pans), an arena's crowd noise with three
 * loud bursts, and a score bug at the bottom whose score changes during each burst. The tests' scriptable game with
 * known ground truth lives in the test tree.
 */
public final class DemoGame {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final double FPS = 25;
    private static final int SAMPLE_RATE = 44_100;

    private static final double[] SHOT_SECONDS = {3.0, 5.2, 2.4, 6.0, 4.4, 1.6, 7.4};
    /** Crowd bursts: start and length in seconds; each falls inside one shot. */
    private static final double[][] BURSTS = {{4.0, 2.0}, {14.0, 2.5}, {24.0, 3.0}};
    /** Score changes: time, SA's score, OKC's score (a basket in each burst). */
    private static final double[][] SCORES = {{0, 34, 36}, {4.6, 36, 36}, {14.8, 36, 39}, {24.9, 38, 39}};
    private static final Color[] LOOKS = {new Color(196, 140, 80), new Color(60, 90, 160), new Color(200, 170, 110),
            new Color(40, 120, 70), new Color(170, 60, 60), new Color(110, 110, 120), new Color(210, 190, 140)};

    private DemoGame() {
    }

    /** Writes the game to {@code out} (mp4, H.264 and AAC) and returns its length in seconds. */
    public static double write(Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        double duration = 0;
        for (double s : SHOT_SECONDS) {
            duration += s;
        }
        int frames = (int) Math.round(duration * FPS);
        Random noise = new Random(7);
        BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Font bugFont = new Font(Font.SANS_SERIF, Font.BOLD, 22);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), WIDTH, HEIGHT, 2);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            EncoderSettings.source("veryfast", 18).withSampleRate(SAMPLE_RATE).applyTo(recorder, FPS, true);
            recorder.start();
            int samplesPerFrame = (int) (SAMPLE_RATE / FPS);
            short[] audio = new short[samplesPerFrame * 2];
            for (int frame = 0; frame < frames; frame++) {
                double t = frame / FPS;
                Graphics2D g = picture.createGraphics();
                try {
                    paintShot(g, shotAt(t), frame);
                    paintBug(g, bugFont, t);
                } finally {
                    g.dispose();
                }
                recorder.record(converter.convert(picture));
                double level = loud(t) ? 0.5 : 0.01; // about -6 dBFS in a burst, -40 dBFS otherwise
                for (int i = 0; i < audio.length; i++) {
                    audio[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                            noise.nextGaussian() * level * Short.MAX_VALUE / 2));
                }
                recorder.recordSamples(SAMPLE_RATE, 2, ShortBuffer.wrap(audio));
            }
        }
        return duration;
    }

    private static int shotAt(double t) {
        double end = 0;
        for (int s = 0; s < SHOT_SECONDS.length; s++) {
            end += SHOT_SECONDS[s];
            if (t < end) {
                return s;
            }
        }
        return SHOT_SECONDS.length - 1;
    }

    private static boolean loud(double t) {
        for (double[] b : BURSTS) {
            if (t >= b[0] && t < b[0] + b[1]) {
                return true;
            }
        }
        return false;
    }

    /** A court-coloured floor with blocks that pan a few pixels a frame: each shot its own look. */
    private static void paintShot(Graphics2D g, int shot, int frame) {
        Color look = LOOKS[shot % LOOKS.length];
        g.setColor(look);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Random blocks = new Random(1000 + shot);
        int pan = frame * (2 + shot % 3);
        for (int i = 0; i < 60; i++) {
            int x = Math.floorMod(blocks.nextInt(WIDTH * 2) - pan, WIDTH + 80) - 40;
            int y = blocks.nextInt(HEIGHT);
            int size = 12 + blocks.nextInt(40);
            g.setColor(i % 2 == 0 ? look.darker() : look.brighter());
            g.fillRect(x, y, size, size);
        }
    }

    /** The broadcast's score bug: teams and scores on a dark bar, bottom centre. */
    private static void paintBug(Graphics2D g, Font font, double t) {
        double[] score = SCORES[0];
        for (double[] s : SCORES) {
            if (s[0] <= t) {
                score = s;
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int w = 300;
        int h = 36;
        int x = (WIDTH - w) / 2;
        int y = HEIGHT - h - 18;
        g.setColor(new Color(20, 24, 40));
        g.fillRect(x, y, w, h);
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(String.format("SA  %d     OKC  %d", (int) score[1], (int) score[2]), x + 30, y + 26);
    }
}
