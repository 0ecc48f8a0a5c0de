package io.courtside.analysis;

import java.util.List;

/** Everything one decode pass over the source found: stream facts, shots in order, loudness. */
public record GameAnalysis(MediaInfo media, List<Shot> shots, LoudnessTrack loudness) {
}
