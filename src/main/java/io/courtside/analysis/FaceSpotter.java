package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Registered players in sampled frames: {@code faces-per-second} frames a second are searched for faces (at
 * 8x the small frame, 512x288 by default) and each face is compared with the registered ones. A face further
 * than {@code face-max-distance} from every registered face is never named.
 */
final class FaceSpotter implements FrameAnalyser {

    private static final int SCALE = 8;

    private final PlayerFaces faces;
    private final AnalysisProperties properties;
    private final int frameStep;
    private final List<PlayerSighting> sightings = new ArrayList<>();
    private Mat picture;

    FaceSpotter(PlayerFaces faces, AnalysisProperties properties, double fps) {
        this.faces = faces;
        this.properties = properties;
        this.frameStep = Math.max(1, (int) Math.round(fps / properties.facesPerSecond()));
    }

    @Override
    public int frameStep() {
        return frameStep;
    }

    @Override
    public int scale() {
        return SCALE;
    }

    @Override
    public void frame(SmallFrame frame) {
        if (picture == null) {
            picture = new Mat(frame.height(), frame.width(), CV_8UC1);
        }
        picture.data().put(frame.luma());
        int minSize = Math.max(24, (int) Math.round(properties.faceMinHeight() * frame.height()));
        double maxDistance = properties.faceMaxDistance();
        for (PlayerFaces.Match match : faces.recognise(picture, minSize)) {
            if (match.distance() <= maxDistance) {
                double w = frame.width();
                double h = frame.height();
                sightings.add(new PlayerSighting(faces.name(match.player()), frame.time(),
                        Math.max(0.5, Math.min(1, 1 - match.distance() / (2 * maxDistance))),
                        match.face().x() / w, match.face().y() / h, match.face().width() / w,
                        match.face().height() / h));
            }
        }
    }

    List<PlayerSighting> sightings() {
        return List.copyOf(sightings);
    }

    void close() {
        if (picture != null) {
            picture.close();
        }
    }
}
