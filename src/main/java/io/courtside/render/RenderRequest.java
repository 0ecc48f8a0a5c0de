package io.courtside.render;

import io.courtside.kernel.RenderSpec;

import java.nio.file.Path;
import java.util.Map;

import io.courtside.analysis.ActionTrack;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.VoiceTrack;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.selection.HighlightPlan;

/**
 * What one output is made of: the cuts, how it is encoded and dressed, and where it goes.
 *
 * @param source     the source file
 * @param plan       the segments to cut, in output order
 * @param spec       size, fit, encoder quality, look and mix
 * @param action     where the action is (the crop window follows it); null: centred
 * @param commentary captions and title card; null: none (no WebVTT either)
 * @param voice      the voice-over mixed over the ducked game audio
 * @param scores     the score bug and its states; {@link ScoreTimeline#none()}: no score graphic, no cover
 * @param teamNames  team abbreviation as read to the name to show (TransferNameRegister)
 * @param target     the MP4 to write (its WebVTT goes beside it)
 */
public record RenderRequest(Path source, HighlightPlan plan, RenderSpec spec, ActionTrack action,
                            Commentary commentary, VoiceTrack voice, ScoreTimeline scores,
                            Map<String, String> teamNames, Path target) {

    public RenderRequest {
        voice = voice == null ? VoiceTrack.NONE : voice;
        scores = scores == null ? ScoreTimeline.none() : scores;
        teamNames = teamNames == null ? Map.of() : Map.copyOf(teamNames);
    }
}
