package io.courtside.selection;

import static io.courtside.selection.SelectionFixtures.profiles;
import static io.courtside.selection.SelectionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.MotionTrack;
import io.courtside.analysis.Shot;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreTimeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated game analysed for real: one long wide shot (5-31 s) in which the players stand about (quiet), then
 * run a play that ends in a basket, twice. Each scoring clip starts where its play starts (the motion onset), not
 * max-clip before its end inside the quiet stretch, as it did before the motion per window was measured.
 */
class PlayOnsetGameTest {

    static final double FPS = 25;
    static final double SECONDS = 34;
    static final double WIDE_FROM = 5;
    static final double WIDE_TO = 31;
    /** The plays inside the wide shot: from the quiet players' first run to a while after the basket. */
    static final double[][] PLAYS = {{14.6, 18.6}, {25.3, 29.0}};
    /** The baskets (SA left, OKC right), each inside its play. */
    static final ScoreTimeline SCORES = ScoreFixtures.timeline(new double[][] {
            {1.0, 50, 48}, {17.9, 50, 51}, {28.2, 52, 51}});

    @TempDir
    Path dir;

    @Test
    void eachScoringClipStartsAtItsPlaysMotionOnsetInsideTheLongShot() {
        Path video = dir.resolve("wide.mp4");
        write(video, 11);
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(video, StageProgress.NONE);
        // The shot boundaries found are the two cuts: nothing inside the wide shot (else a boundary, not the
        // motion, would place the clips).
        assertThat(analysis.shots().stream().map(Shot::start).filter(t -> t > 0.1))
                .hasSize(2).allSatisfy(t -> assertThat(Math.min(Math.abs(t - WIDE_FROM), Math.abs(t - WIDE_TO)))
                        .isLessThan(0.1));
        MotionTrack motion = analysis.motionTrack();
        assertThat(motion.windows()).isEqualTo((int) Math.ceil(SECONDS / motion.windowSeconds()));
        double quiet = mean(motion, 9, 14);
        double busy = mean(motion, 15, 18);
        assertThat(busy).as("play vs standing about").isGreaterThan(4 * quiet);

        GameAnalysis game = withScores(analysis, SCORES);
        SegmentSelector selector = new SegmentSelector(profiles());
        List<Segment> clips = selector.select(game, spec(1, 30.0)).get(0).segments();
        for (int i = 0; i < PLAYS.length; i++) {
            double change = SCORES.states().get(i + 1).time();
            Segment clip = containing(clips, change);
            System.out.printf("basket at %.1f: play from %.1f, clip %.2f-%.2f (motion quiet %.2f, busy %.2f)%n",
                    change, PLAYS[i][0], clip.start(), clip.end(), quiet, busy);
            assertThat(clip.events().play()).isNotNull();
            assertThat(clip.start()).as("clip of the basket at %s starts at its play's onset %s: %s", change,
                    PLAYS[i][0], clips).isBetween(PLAYS[i][0] - motion.windowSeconds(), PLAYS[i][0] + 1e-9);
            assertThat(clip.end()).isCloseTo(change + 2, org.assertj.core.data.Offset.offset(1e-9));
        }

        // Without the motion per window (the old analysis) the clips start max-clip before their ends, in the
        // quiet stretch.
        GameAnalysis blind = withScores(new GameAnalysis(analysis.media(), analysis.shots(), analysis.loudness(),
                analysis.transitions(), analysis.excitement(), analysis.motion(), analysis.replays(),
                analysis.players(), analysis.warnings(), analysis.action(), analysis.scores(),
                analysis.logoAppearances()), SCORES);
        List<Segment> before = selector.select(blind, spec(1, 30.0)).get(0).segments();
        assertThat(containing(before, 17.9).start()).isCloseTo(17.9 + 2 - 8, org.assertj.core.data.Offset.offset(1e-9));
    }

    static GameAnalysis withScores(GameAnalysis a, ScoreTimeline scores) {
        return new GameAnalysis(a.media(), a.shots(), a.loudness(), a.transitions(), a.excitement(), a.motion(),
                a.replays(), a.players(), a.warnings(), a.action(), scores, a.logoAppearances(), a.motionTrack());
    }

    static double mean(MotionTrack track, double from, double to) {
        double sum = 0;
        int n = 0;
        for (int w = (int) (from / track.windowSeconds()); w < (int) (to / track.windowSeconds()); w++) {
            sum += track.at(w);
            n++;
        }
        return sum / n;
    }

    static Segment containing(List<Segment> segments, double time) {
        return segments.stream().filter(s -> s.start() <= time && s.end() > time).findFirst()
                .orElseThrow(() -> new AssertionError("no clip holds " + time + ": " + segments));
    }

    static boolean inPlay(double t) {
        for (double[] p : PLAYS) {
            if (t >= p[0] && t < p[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * 640x360 at 25 fps, no audio: a busy close-up look (0-5 s), the wide shot (5-31 s), another look (31-34 s).
     * In the wide shot ten players sway on the spot (a pixel or two) and the camera holds still; during a play they
     * run and the camera follows them.
     */
    static void write(Path out, long seed) {
        Random random = new Random(seed);
        int w = 640;
        int h = 360;
        double[][] players = new double[10][];
        for (int i = 0; i < players.length; i++) {
            players[i] = new double[] {80 + random.nextInt(480), 120 + random.nextInt(200),
                    (random.nextDouble() - 0.5) * 12, (random.nextDouble() - 0.5) * 6, random.nextDouble() * 6};
        }
        double camera = 0;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder recorder = ScoreBugFootage.testRecorder(out, w, h, FPS);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            int frames = (int) Math.round(SECONDS * FPS);
            for (int f = 0; f < frames; f++) {
                double t = f / FPS;
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                if (t < WIDE_FROM || t >= WIDE_TO) {
                    // close-ups: big shapes crossing the frame
                    g.setColor(t < WIDE_FROM ? new Color(40, 60, 120) : new Color(120, 40, 50));
                    g.fillRect(0, 0, w, h);
                    for (int i = 0; i < 5; i++) {
                        g.setColor(new Color(200, 180 - 30 * i, 60 + 30 * i));
                        int x = (int) ((i * 150 + t * (90 + 20 * i)) % (w + 200)) - 100;
                        g.fillOval(x, 40 + 55 * i, 150, 110);
                    }
                } else {
                    boolean play = inPlay(t);
                    g.setColor(new Color(176, 124, 74)); // the floor
                    g.fillRect(0, 0, w, h);
                    if (play) {
                        camera += 3.5;
                    }
                    g.setColor(new Color(240, 240, 240));
                    g.setStroke(new BasicStroke(3));
                    int cx = (int) (w / 2 - camera % w);
                    for (int k = -1; k <= 1; k++) {
                        g.drawLine(cx + k * w, 60, cx + k * w, h - 40);
                        g.drawOval(cx + k * w - 50, h / 2 - 50, 100, 100);
                    }
                    g.drawRect(20, 60, w - 40, h - 100);
                    for (double[] p : players) {
                        double x;
                        double y;
                        if (play) {
                            p[0] += p[2];
                            p[1] += p[3];
                            if (p[0] < 40 || p[0] > w - 40) {
                                p[2] = -p[2];
                            }
                            if (p[1] < 90 || p[1] > h - 60) {
                                p[3] = -p[3];
                            }
                            x = p[0];
                            y = p[1];
                        } else {
                            x = p[0] + 1.5 * Math.sin(t * 1.3 + p[4]); // swaying on the spot
                            y = p[1];
                        }
                        g.setColor(p[4] < 3 ? new Color(250, 250, 250) : new Color(30, 60, 160));
                        g.fillOval((int) x - 9, (int) y - 24, 18, 48);
                    }
                }
                g.dispose();
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + out, e);
        }
    }
}
