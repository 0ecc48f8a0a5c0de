package io.courtside.render;

import io.courtside.kernel.RenderSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.courtside.analysis.ActionTrack;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.JobFailure;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * The description of one render, complete and immutable, built without opening anything: the output's geometry
 * (crop window, scale/pad/blur), each clip's frames on the output's grid, the video filter graph with its
 * overlays (captions, title card, score graphic) and the text files they read, the bug to cover, the audio mix
 * and the encoder settings. {@link HighlightRenderer} runs it; tests read it without FFmpeg.
 *
 * @param outputIndex      which output this is (for messages)
 * @param source           the source file
 * @param target           the MP4 to write
 * @param fit              output size, crop window size and the scale/pad/blur graph
 * @param fps              source and output frame rate
 * @param sourceSeconds    length of the source
 * @param bounds           output time of each clip's first frame, plus the end, on the frame grid
 * @param cuts             each clip: its segment, first source frame and the output's frame count after it
 * @param graph            the whole video filter graph
 * @param captions         captions and title card (text files, WebVTT)
 * @param score            the score graphic and the bug cover
 * @param action           where the crop window centres over time (never null)
 * @param voice            the voice-over
 * @param mix              ducking and loudness
 * @param boundarySamples  output sample index of each join between clips (the audio dips there)
 * @param transitionSamples length of a dip to black at a join, samples (0: hard cuts)
 * @param transitionSeconds the same, seconds
 * @param plannedFrames    frames in the whole output (progress)
 * @param encoder          how the MP4 is encoded
 */
record RenderPlan(int outputIndex, Path source, Path target, Fit fit, double fps, double sourceSeconds,
                  List<Double> bounds, List<Cut> cuts, String graph, Captions captions, ScoreOverlay score,
                  ActionTrack action, VoiceTrack voice, RenderSpec.Mix mix, long[] boundarySamples,
                  long transitionSamples, double transitionSeconds, long plannedFrames, EncoderSettings encoder) {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;

    /**
     * One clip as cut: the source frames from {@code firstFrame} on, until the output holds {@code framesAfter}
     * frames.
     */
    record Cut(Segment segment, long firstFrame, long framesAfter) {
    }

    RenderPlan {
        bounds = List.copyOf(bounds);
        cuts = List.copyOf(cuts);
        boundarySamples = boundarySamples.clone();
    }

    @Override
    public long[] boundarySamples() {
        return boundarySamples.clone();
    }

    /** Text files the graph reads (captions, title card, score graphic): written before, deleted after the run. */
    List<Path> textFiles() {
        List<Path> files = new ArrayList<>(captions.files());
        files.addAll(score.texts().keySet());
        return files;
    }

    /**
     * Rejects what cannot be rendered whatever the source: no segments, a negative or empty segment, an odd size,
     * a CRF outside 0-51.
     */
    static void check(HighlightPlan plan, RenderSpec spec) {
        if (plan.segments().isEmpty()) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + " has no segments to render.");
        }
        for (Segment s : plan.segments()) {
            if (!(s.start() >= 0) || !(s.end() > s.start())) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + " has an invalid segment "
                        + s + ": it must start at 0 s or later and end after it starts.");
            }
        }
        if (spec.width() < 0 || spec.height() < 0 || spec.width() % 2 != 0 || spec.height() % 2 != 0) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output size " + spec.width() + "x" + spec.height()
                    + " is invalid: width and height must be even, or 0 to follow the source.");
        }
        if (spec.crf() < 0 || spec.crf() > 51) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "CRF " + spec.crf() + " is outside 0-51.");
        }
    }

    /**
     * The plan of {@code request} over a source with these facts.
     *
     * @param fonts caption font file per language ({@code default}, {@code zh}...): the score graphic's when
     *              there is no commentary (else it uses the captions' font)
     */
    static RenderPlan of(RenderRequest request, SourceFacts source, Map<String, Path> fonts) {
        HighlightPlan plan = request.plan();
        RenderSpec spec = request.spec();
        check(plan, spec);
        double fps = source.fps();
        Fit fit = Fit.of(spec, source.width(), source.height(), source.sampleAspect());
        List<Double> bounds = clipBounds(plan, fps);
        List<Cut> cuts = new ArrayList<>();
        double planned = 0;
        int last = plan.segments().size() - 1;
        for (int i = 0; i <= last; i++) {
            Segment segment = plan.segments().get(i);
            if (segment.start() >= source.durationSeconds()) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": segment "
                        + segment + " starts after the end of the source (" + source.durationSeconds() + " s).");
            }
            planned += segment.duration();
            cuts.add(new Cut(segment, Math.round(segment.start() * fps), framesAt(planned, fps, i == last)));
        }
        Path target = request.target();
        Path prefix = Path.of(target.toAbsolutePath() + ".");
        Path font;
        Map<String, String> names = request.teamNames();
        if (request.commentary() != null) {
            font = request.commentary().fontFile();
        } else {
            font = fonts.getOrDefault("default", Path.of(CommentaryProperties.DEFAULT_FONT));
            if (names.values().stream().anyMatch(Captions::hasWide)) {
                Path cjk = fonts.get("zh");
                if (cjk != null && Files.isRegularFile(cjk)) {
                    font = cjk;
                } else {
                    names = Map.of(); // no font for the names: the abbreviations as read
                }
            }
        }
        ScoreOverlay score = ScoreOverlay.of(request.scores(), names, fit, cuts, bounds, fps, spec.look(), font,
                prefix);
        Captions captions = Captions.plan(request.commentary(), bounds, clipSources(plan, fps), fit.width(),
                fit.height(), spec.look(), prefix, score.bottom());
        // Frames are numbered in the output timeline, so captions and the score are timed by output time.
        String graph = "setpts=N/FRAME_RATE/TB," + fit.filter() + captions.filter() + score.filter();
        long[] boundarySamples = new long[bounds.size() - 2];
        for (int i = 1; i + 1 < bounds.size(); i++) {
            boundarySamples[i - 1] = Math.round(bounds.get(i) * SAMPLE_RATE);
        }
        double transition = spec.look().transitionSeconds();
        return new RenderPlan(plan.index(), request.source(), target, fit, fps, source.durationSeconds(), bounds,
                cuts, graph, captions, score,
                request.action() == null ? ActionTrack.centred(fps) : request.action(), request.voice(),
                spec.mix(), boundarySamples, Math.round(transition * SAMPLE_RATE), transition,
                Math.max(1, Math.round(plan.duration() * fps)),
                EncoderSettings.highlight(spec.x264Preset(), spec.crf()));
    }

    /**
     * Frames in the first {@code seconds} of the output: clip joins at the nearest frame, the end rounded down (a
     * millionth of a frame's slack) so an output never runs past its plan, nor past MaxDuration.
     */
    static long framesAt(double seconds, double fps, boolean end) {
        return end ? (long) Math.floor(seconds * fps + 1e-6) : Math.round(seconds * fps);
    }

    /** Output time of each clip's first frame and of the end, on the frame grid the cutter uses. */
    static List<Double> clipBounds(HighlightPlan plan, double fps) {
        List<Double> bounds = new ArrayList<>();
        bounds.add(0.0);
        double planned = 0;
        int n = plan.segments().size();
        for (int i = 0; i < n; i++) {
            planned += plan.segments().get(i).duration();
            bounds.add(framesAt(planned, fps, i == n - 1) / fps);
        }
        return bounds;
    }

    /** Source time of each clip's first frame, on the frame grid the cutter uses ({@link Cut#firstFrame}). */
    static List<Double> clipSources(HighlightPlan plan, double fps) {
        return plan.segments().stream().map(s -> Math.round(s.start() * fps) / fps).toList();
    }

    /** Left and top edge of the crop window at {@code sourceTime} (even, inside the frame). */
    int[] cropAt(double sourceTime) {
        int x0 = fit.cropWidth() == fit.sourceWidth() ? 0 : fit.cropX(action.centreX(sourceTime));
        int y0 = fit.cropHeight() == fit.sourceHeight() ? 0 : fit.cropY(action.centreY(sourceTime));
        return new int[] {x0, y0};
    }
}
