package io.courtside.render;

import io.courtside.kernel.RenderSpec;
import io.courtside.kernel.JobRun;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static io.courtside.render.RenderPlan.CHANNELS;
import static io.courtside.render.RenderPlan.SAMPLE_RATE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.courtside.analysis.ActionTrack;
import io.courtside.analysis.GameAnalysis;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobSpec;
import io.courtside.kernel.StageProgress;
import io.courtside.media.FFmpegLog;
import io.courtside.media.MediaInputs;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.selection.HighlightPlan;

/**
 * Runs a {@link RenderPlan}: cuts the plan's segments out of the source and encodes them, in plan order, into one
 * MP4 (see {@link EncoderSettings#highlight}), in one pass: one grabber, one video filter graph (the plan's), one
 * audio mixer (voice-over, ducking, EBU R128 loudness) and one recorder per call, each in try-with-resources on
 * the calling thread; frames stay YUV420P from decoder to encoder and are cropped (following the action, the
 * broadcast's score bug covered) before they are scaled. No temporary files are encoded. The plan is built from
 * the request and the facts of the opened source; everything else here is execution.
 */
@Component
public class HighlightRenderer {

    private static final Logger log = LoggerFactory.getLogger(HighlightRenderer.class);

    /** Caption fonts per language: the score graphic's when an output has no commentary (else the captions'). */
    /** How far before a segment's start the renderer reads the source (the seek's preroll). */
    public static final double READS_BEFORE_SECONDS = ClipCutter.PREROLL_SECONDS;
    /** How far past a segment's end it reads (audio past the last frame; a segment may run past the source's end). */
    public static final double READS_AFTER_SECONDS = ClipCutter.END_TOLERANCE_SECONDS
            + ClipCutter.AUDIO_LOOKAHEAD_SECONDS;

    private final Map<String, Path> fonts;

    public HighlightRenderer() {
        this(CommentaryProperties.defaults());
    }

    @Autowired
    public HighlightRenderer(CommentaryProperties commentary) {
        this.fonts = commentary.fonts();
        FFmpegLog.install();
    }

    /** Without commentary or action track: a centred crop, the game audio as it is (loudness-normalised). */
    public RenderedOutput render(Path source, HighlightPlan plan, RenderSpec spec, Path target,
                                 StageProgress progress) {
        return render(source, plan, spec, null, null, VoiceTrack.NONE, target, progress);
    }

    /**
     * Renders output {@code plan.index()} to {@code target} in one pass: the crop window follows {@code action}
     * (null: centred), the commentary is burned in as captions (and written as WebVTT beside the target) and its
     * {@code voice} mixed over the ducked game audio. Null commentary: no captions, no VTT. No score graphic.
     */
    public RenderedOutput render(Path source, HighlightPlan plan, RenderSpec spec, ActionTrack action,
                                 Commentary commentary, VoiceTrack voice, Path target, StageProgress progress) {
        return render(new RenderRequest(source, plan, spec, action, commentary, voice, ScoreTimeline.none(),
                null, target), progress);
    }

    /**
     * As above, from the analysis of the source: the crop follows its action track and, in a reframed output,
     * the broadcast's score bug ({@code analysis.scores()}) is covered and Courtside's own score graphic drawn,
     * teams named by {@code transfers} (TransferNameRegister).
     */
    public RenderedOutput render(Path source, HighlightPlan plan, RenderSpec spec, GameAnalysis analysis,
                                 Commentary commentary, VoiceTrack voice, List<JobSpec.NameTransfer> transfers,
                                 Path target, StageProgress progress) {
        return render(new RenderRequest(source, plan, spec, analysis.action(), commentary, voice, analysis.scores(),
                JobSpec.NameTransfer.map(transfers), target), progress);
    }

    /** Renders {@code request} in one pass (see the class comment). */
    public RenderedOutput render(RenderRequest request, StageProgress progress) {
        HighlightPlan plan = request.plan();
        RenderSpec spec = request.spec();
        Path target = request.target();
        RenderPlan.check(plan, spec);
        long started = System.nanoTime();
        try {
            RenderedOutput output = encode(request, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Rendered output {} ({} segments, {} s, {}x{}, {} captions, {} voice lines) in {} s",
                    plan.index(), plan.segments().size(), String.format(Locale.ROOT, "%.2f", output.durationSeconds()),
                    output.width(), output.height(), request.commentary() == null ? 0
                            : request.commentary().lines().size(),
                    request.voice().clips().size(), String.format(Locale.ROOT, "%.2f", seconds));
            return output;
        } catch (JobFailure | JobCanceledException stop) {
            deletePartial(target);
            deletePartial(vttOf(target));
            throw stop;
        } catch (FrameGrabber.Exception e) {
            deletePartial(target);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": the source "
                    + request.source().getFileName() + " could not be decoded: " + e.getMessage(), e);
        } catch (FrameRecorder.Exception | FrameFilter.Exception | RuntimeException e) {
            deletePartial(target);
            deletePartial(vttOf(target));
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + " could not be encoded ("
                    + spec.width() + "x" + spec.height() + ", preset " + spec.x264Preset() + "): " + e.getMessage(), e);
        }
    }

    /** Where the WebVTT captions of {@code target} go: same name, .vtt instead of .mp4. */
    public static Path vttOf(Path target) {
        return target.resolveSibling(JobRun.vtt(target.getFileName().toString()));
    }

    /** The plan of {@code request} over the opened source. */
    private RenderPlan plan(RenderRequest request, FFmpegFrameGrabber grabber) {
        AVCodecParameters codec = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
        double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        SourceFacts facts = new SourceFacts(codec.width(), codec.height(), sampleAspect(codec), fps,
                grabber.getLengthInTime() / 1e6);
        return RenderPlan.of(request, facts, fonts);
    }

    private RenderedOutput encode(RenderRequest request, StageProgress progress)
            throws FrameGrabber.Exception, FrameRecorder.Exception, FrameFilter.Exception {
        RenderPlan plan = null;
        Path target = request.target();
        int index = request.plan().index();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(request.source())) {
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16); // interleaved shorts: a sample-exact slice is one index range
            grabber.setSampleRate(SAMPLE_RATE);         // resampled by the decoder: the mix is 48 kHz stereo
            grabber.setAudioChannels(CHANNELS);
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + index + ": the source "
                        + request.source().getFileName() + " has no video stream.");
            }
            plan = plan(request, grabber);
            Fit fit = plan.fit();
            double fps = plan.fps();
            try {
                plan.captions().write();
                for (var text : plan.score().texts().entrySet()) {
                    Files.writeString(text.getKey(), text.getValue(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Caption files could not be written next to "
                        + target + ": " + e.getMessage(), e);
            }

            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(plan.graph(), fit.cropWidth(), fit.cropHeight());
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), fit.width(), fit.height(),
                         CHANNELS)) {
                filter.setPixelFormat(AV_PIX_FMT_YUV420P);
                filter.setFrameRate(fps);
                filter.start();
                plan.encoder().applyTo(recorder, fps, true);
                recorder.start();
                try (AudioMixer mixer = new AudioMixer(recorder, plan.voice(), plan.mix(), plan.boundarySamples(),
                        plan.transitionSamples())) {
                    ClipCutter cutter = new ClipCutter(grabber, filter, recorder, mixer, plan, progress);
                    for (RenderPlan.Cut cut : plan.cuts()) {
                        cutter.cut(cut);
                    }
                    mixer.finish();
                    recorder.stop();
                    Path vtt = null;
                    if (plan.captions().vtt() != null) {
                        vtt = Files.writeString(vttOf(target), plan.captions().vtt(), StandardCharsets.UTF_8);
                    }
                    return new RenderedOutput(target, cutter.framesWritten / fps, fit.width(), fit.height(), vtt);
                }
            }
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + index + ": cannot write "
                    + target + ": " + e.getMessage(), e);
        } finally {
            if (plan != null) {
                for (Path file : plan.textFiles()) {
                    deletePartial(file);
                }
            }
        }
    }

    private static double sampleAspect(AVCodecParameters codec) {
        AVRational sar = codec.sample_aspect_ratio();
        return sar != null && sar.num() > 0 && sar.den() > 0 ? sar.num() / (double) sar.den() : 1.0;
    }

    private static void deletePartial(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            log.warn("Could not delete partial output {}: {}", target, e.getMessage());
        }
    }
}
