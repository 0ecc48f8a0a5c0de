package io.courtside.analysis;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import io.courtside.scoreboard.BugLayout;
import io.courtside.scoreboard.OcrData;
import io.courtside.scoreboard.ScoreBugReader;

/**
 * The signals one analysis pass feeds, made for one source (its frame rate) and one job's registrations: the frame
 * analysers (shot boundaries, motion, action centre, and replay logos and player faces when registered ones are
 * usable) and the score bug reader. The one pass and a range of a split game make the same set, so a range sees
 * what the one pass sees. Registered images that cannot be used are left out and named in {@link #warnings}. Closing
 * it frees the native detectors and the reader.
 */
final class PassSignals implements AutoCloseable {

    final ShotBoundaryDetector boundaries;
    final MotionMeter motion;
    final ActionCentreTracker action;
    /** Null when no registered logo is usable. */
    final ReplayLogoDetector replays;
    /** Null when no registered player's face is usable. */
    final FaceSpotter spotter;
    final ScoreBugReader scores;
    /** Every frame analyser, in the order the pass feeds them. */
    final List<FrameAnalyser> frameAnalysers;
    /** The registrations' warnings and those of images left out; the pass adds its own. */
    final List<String> warnings;
    private final PlayerFaces faces;

    private PassSignals(AnalysisProperties properties, double fps, ReplayLogoDetector replays, PlayerFaces faces,
                        FaceSpotter spotter, ScoreBugReader scores, List<String> warnings) {
        this.boundaries = new ShotBoundaryDetector(properties, fps);
        this.motion = new MotionMeter();
        this.action = new ActionCentreTracker(properties.actionSmoothingSeconds());
        this.replays = replays;
        this.faces = faces;
        this.spotter = spotter;
        this.scores = scores;
        this.warnings = warnings;
        this.frameAnalysers = new ArrayList<>(List.of(boundaries, motion, action));
        if (replays != null) {
            frameAnalysers.add(replays);
            frameAnalysers.add(replays.frameChanges());
        }
        if (spotter != null) {
            frameAnalysers.add(spotter);
        }
    }

    /** The signals for a source of {@code fps}, looking for {@code registered} and reading the bug as laid out. */
    static PassSignals of(AnalysisProperties properties, OcrData ocrData, double fps, RegisteredMedia registered,
                          BugLayout bugLayout) {
        List<String> warnings = new ArrayList<>(registered.warnings());
        List<Mat> logos = LogoTemplates.load(registered.logos(), warnings);
        ReplayLogoDetector replays = null;
        PlayerFaces faces = null;
        FaceSpotter spotter = null;
        try {
            replays = logos.isEmpty() ? null : new ReplayLogoDetector(properties, fps, logos);
            faces = registered.players().isEmpty() ? null : new PlayerFaces(registered.players(), warnings);
            spotter = faces == null || faces.isEmpty() ? null : new FaceSpotter(faces, properties, fps);
            return new PassSignals(properties, fps, replays, faces, spotter,
                    new ScoreBugReader(ocrData, fps, bugLayout, properties.scoreBug()), warnings);
        } catch (RuntimeException | Error e) {
            for (AutoCloseable made : new AutoCloseable[] {spotter, faces, replays}) {
                try (made) {
                    // closed, whatever else failed
                } catch (Exception | Error closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        } finally {
            logos.forEach(Mat::close); // the detector keeps its own copies
        }
    }

    @Override
    public void close() {
        try (replays; faces; spotter; scores) {
            // closed in reverse order of making
        }
    }
}
