package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.LongUnaryOperator;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.media.FFmpegLog;
import io.courtside.media.MediaInputs;
import io.courtside.media.NativeStallWatchdog;
import io.courtside.media.SkippingDecoder;
import io.courtside.scoreboard.BugOcrPool;
import io.courtside.scoreboard.OcrData;
import io.courtside.scoreboard.BugLayout;
import io.courtside.scoreboard.ScoreBugReader;
import io.courtside.scoreboard.ScoreTimeline;

/**
 * Analyses a source video in one decode pass: FFmpeg decodes each frame once and hands over its own picture (no
 * swscale pass) and audio as interleaved floats. The loop owns the grabber, averages the frame's luma down to the
 * size each analyser asks for, only on the frames it looks at ({@link LumaPictures}: the small frame, 64x36 by
 * default, every frame; 2x for replay logos every logo-frame-step-th frame; 8x for faces a few frames a second),
 * and feeds every frame analyser (shot boundaries, motion, replay logos, registered players) and every audio
 * analyser (loudness, excitement) from that pass; no analyser opens the file. The broadcast's score bug is found
 * and read in the same pass ({@link ScoreBugReader}: about four samples a second, each with the full-size grey
 * picture and the 4x picture as an overview).
 *
 * <p>What FFmpeg may skip ({@code courtside.analysis.decode.*}, {@link DecodeProperties}): the video decoder leaves
 * out the deblocking filter, and audio is decoded by its own grabber on its own thread ({@link AudioPass}), so the
 * video loop decodes video only. The video loop's thread decodes and makes the grey pictures; the frame analysers
 * and the score bug reader run in frame order on a second thread a few frames behind ({@link SignalThread}), each
 * frame's pictures copied for them. Both helper threads end with the pass, also when it fails or is canceled.
 */
@Component
@EnableConfigurationProperties({AnalysisProperties.class, DecodeProperties.class, ParallelRangeProperties.class})
public class GameAnalyzer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GameAnalyzer.class);
    /** Progress is reported at most this often, in seconds of media. */
    private static final double PROGRESS_EVERY_SECONDS = 0.5;

    /** The overview the score bug finder looks at: this many times the small frame. */
    private static final int SCORE_OVERVIEW_SCALE = 4;
    /** Decoded frames that may wait for the signals' thread (each holds its small pictures, ~20 KB). */
    private static final int SIGNAL_QUEUE_FRAMES = 8;
    /**
     * The first frames of an input decoded twice (in full, and with every B-frame skipped) to see whether skipping
     * B-frames leaves its I and P pictures exact: two GOPs of a broadcast's usual 50 and more, so an encoder whose
     * P-frames refer to B-frames shows it (x264's default pyramid does in its first mini-GOP).
     */
    static final int BIDIRECTIONAL_CHECK_FRAMES = 100;

    private final AnalysisProperties properties;
    private final DecodeProperties decodeOptions;
    /** When a long input is analysed as ranges on all cores ({@link RangeThreads}) instead of in one pass. */
    private final ParallelRangeProperties parallel;
    private final OcrData ocrData;
    /** Watches the pass's own threads (audio, signals) for native calls that never return; null outside the service. */
    private final NativeStallWatchdog watchdog;

    /** OCR data in a temporary folder (tests, benches): {@code <tmp>/courtside-ocr/tessdata}. */
    public GameAnalyzer(AnalysisProperties properties) {
        this(properties, DecodeProperties.defaults());
    }

    /** As {@link #GameAnalyzer(AnalysisProperties)}, decoding as {@code decode} says (tests, benches). */
    public GameAnalyzer(AnalysisProperties properties, DecodeProperties decode) {
        this(properties, decode, Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr"));
    }

    /** OCR data for the score bug written into {@code <dataDir>/tessdata}; decoding as config/application.yaml says. */
    public GameAnalyzer(AnalysisProperties properties, Path dataDir) {
        this(properties, DecodeProperties.defaults(), dataDir);
    }

    /** OCR data for the score bug written into {@code <dataDir>/tessdata}; no stall watchdog. */
    public GameAnalyzer(AnalysisProperties properties, DecodeProperties decode, Path dataDir) {
        this(properties, decode, ParallelRangeProperties.defaults(), dataDir, null);
    }

    /** As {@link #GameAnalyzer(AnalysisProperties)}, analysing long inputs in ranges as {@code parallel} says. */
    public GameAnalyzer(AnalysisProperties properties, ParallelRangeProperties parallel) {
        this(properties, DecodeProperties.defaults(), parallel,
                Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr"), null);
    }

    /**
     * The service's: OCR data for the score bug written at start-up into {@code <data-dir>/tessdata}; the pass's
     * audio and signal threads tick {@code watchdog} as they go, so a native call stuck on one of them halts the
     * worker as one stuck on the job's thread does.
     */
    @Autowired
    public GameAnalyzer(AnalysisProperties properties, DecodeProperties decode, ParallelRangeProperties parallel,
                        @Value("${courtside.data-dir}") Path dataDir, NativeStallWatchdog watchdog) {
        this.properties = properties;
        this.decodeOptions = decode;
        this.parallel = parallel;
        this.watchdog = watchdog;
        this.ocrData = OcrData.prepare(dataDir.resolve("tessdata"));
        FFmpegLog.install();
        if (watchdog != null) {
            // the service: Tesseract opened once for the worker, off the first job's path
            Thread warm = new Thread(() -> BugOcrPool.warm(ocrData), "courtside-ocr-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
    }

    /** The worker's idle Tesseract instances are closed when the service stops. */
    @Override
    public void destroy() {
        BugOcrPool.closeIdle();
    }

    /**
     * Shots and transitions, loudness, excitement and motion of {@code video}. Reports the fraction of media
     * decoded to {@code progress} about every half second of media; a {@link JobCanceledException} it throws
     * ends the pass (the decoder is closed) and propagates.
     */
    public GameAnalysis analyze(Path video, StageProgress progress) {
        return analyze(video, RegisteredMedia.NONE, progress);
    }

    /**
     * As {@link #analyze(Path, StageProgress)}, and also looks for the job's registered replay logos and players
     * in the same pass. Registered images that cannot be used are left out and named in the result's warnings.
     */
    public GameAnalysis analyze(Path video, RegisteredMedia registered, StageProgress progress) {
        return analyze(video, registered, progress, new ReplayBounds(properties.replayMinSeconds(),
                properties.replayMaxSeconds()));
    }

    /**
     * As {@link #analyze(Path, RegisteredMedia, StageProgress)}, with the sport's replay lengths: a pair of logo
     * appearances closer or further apart than {@code replayBounds} is no replay.
     */
    public GameAnalysis analyze(Path video, RegisteredMedia registered, StageProgress progress,
                                ReplayBounds replayBounds) {
        return analyze(video, registered, progress, replayBounds, BugLayout.GUESS);
    }

    /**
     * As {@link #analyze(Path, RegisteredMedia, StageProgress, ReplayBounds)}, reading the score bug as the sport
     * draws it ({@code bugLayout}, from its profile: the columns each team shows, where to look).
     */
    public GameAnalysis analyze(Path video, RegisteredMedia registered, StageProgress progress,
                                ReplayBounds replayBounds, BugLayout bugLayout) {
        // What the skipping decoder leaves out, chosen once for the input (every range decodes alike).
        SkippingDecoder.Skip skip = skipFor(video);
        // The skipping decoder decodes on one core: it pays with one range per core (each its own decoder).
        ParallelRangeProperties split = skip != null && parallel.ranges() == 1
                ? new ParallelRangeProperties(0, parallel.minDuration(), parallel.margin()) : parallel;
        double[] span = split.ranges() == 1 ? new double[] {0, 0} : videoSpan(video); // no probe when turned off
        int count = split.rangesFor(span[1]);
        // The pass's times are the stream's own (an MPEG-TS starts at 1.4 s or later): the skipping decoder seeks
        // by them, the grabber's seek does not, so only the skipping pass splits an input that starts after 0.
        boolean shifted = span[0] > 0;
        if (count > 1 && (!shifted || skip != null)) {
            return inRanges(video, registered, progress, replayBounds, bugLayout, span[0], span[1], count, skip);
        }
        return onePass(video, registered, progress, replayBounds, bugLayout, skip);
    }

    /**
     * What the skipping decoder leaves out of {@code video}'s first decode as {@code skip-frames} says, null for
     * FFmpeg's own decoder ({@code none}). Every B-frame only where that leaves the I and P pictures a full decode's
     * ({@link SkippingDecoder#bidirectionalExact}, on the first {@link #BIDIRECTIONAL_CHECK_FRAMES} frames: H.264
     * whose P-frames refer to no B-frame), else the non-reference frames, which is always exact.
     */
    SkippingDecoder.Skip skipFor(Path video) {
        switch (decodeOptions.skipFrames()) {
            case NONE:
                return null;
            case NON_REFERENCE:
                return SkippingDecoder.Skip.NON_REFERENCE;
            default:
                break;
        }
        long started = System.nanoTime();
        boolean exact;
        try {
            exact = SkippingDecoder.bidirectionalExact(video, BIDIRECTIONAL_CHECK_FRAMES);
        } catch (IOException | RuntimeException e) {
            exact = false; // the pass itself says what is wrong with the file
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exact) {
            log.debug("{}: every B-frame skipped (its I and P pictures are exact; checked in {} s)",
                    video.getFileName(), String.format("%.2f", seconds));
            return SkippingDecoder.Skip.BIDIRECTIONAL;
        }
        log.info("{}: B-frames cannot all be skipped (not H.264, or a P-frame refers to a B-frame, so its I and P"
                + " pictures would differ from a full decode; checked in {} s): non-reference frames skipped instead",
                video.getFileName(), String.format("%.2f", seconds));
        return SkippingDecoder.Skip.NON_REFERENCE;
    }

    /** The one decode pass over the whole of {@code video} (see the class comment). */
    private GameAnalysis onePass(Path video, RegisteredMedia registered, StageProgress progress,
                                 ReplayBounds replayBounds, BugLayout bugLayout, SkippingDecoder.Skip skip) {
        long started = System.nanoTime();
        GameAnalysis analysis = pass(video, registered, bugLayout, (source, signals) -> decode(source.grabber(),
                video, progress, source.fps(), source.width(), source.height(), signals.boundaries, signals.motion,
                signals.action, signals.frameAnalysers, signals.replays, replayBounds, signals.spotter,
                signals.scores, signals.warnings, skip));
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Analysed {}: {} s of {}x{} video, {} shots ({} gradual), {} replays, {} player sightings,"
                + " {} score states, in {} s ({} fps)", video.getFileName(),
                String.format("%.2f", analysis.media().durationSeconds()), analysis.media().width(),
                analysis.media().height(), analysis.shots().size(),
                analysis.transitions().stream().filter(t -> t.kind() != Transition.Kind.CUT).count(),
                analysis.replays().size(), analysis.players().size(), analysis.scores().states().size(),
                String.format("%.2f", seconds),
                Math.round(analysis.media().durationSeconds() * analysis.media().frameRate() / seconds));
        return analysis;
    }

    /**
     * {@code video} cut into {@code count} ranges analysed at once, each on its own thread with its own decoder and
     * detectors and {@code courtside.analysis.parallel.margin} of context either side, the whole input's audio on
     * another, joined by {@link RangeMerge} into the one-pass timeline (the split game's machinery, in one process).
     * Ranges that do not join frame to frame (timestamps that drift) give way to the one pass.
     */
    private GameAnalysis inRanges(Path video, RegisteredMedia registered, StageProgress progress,
                                  ReplayBounds replayBounds, BugLayout bugLayout, double startTime, double duration,
                                  int count, SkippingDecoder.Skip skip) {
        long started = System.nanoTime();
        List<TimeRange> ranges = shiftedBy(TimeRange.split(duration, duration / count), startTime);
        double margin = parallel.margin().toMillis() / 1000.0;
        RangeThreads.Results results = RangeThreads.run(ranges,
                (range, own) -> analyzeRange(video, registered, range, margin, own, bugLayout, skip),
                alive -> analyzeAudio(video, alive), progress, watchdog);
        GameAnalysis analysis;
        try {
            analysis = RangeMerge.merge(properties, results.ranges(), results.audio(), replayBounds);
        } catch (IllegalStateException e) {
            log.warn("The {} ranges of {} do not join ({}); analysing it in one pass", count, video.getFileName(),
                    e.getMessage());
            return onePass(video, registered, progress, replayBounds, bugLayout, skip);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Analysed {} in {} ranges at once: {} s of {}x{} video, {} shots, {} replays, {} player sightings,"
                + " {} score states, in {} s ({} fps)", video.getFileName(), count,
                String.format("%.2f", analysis.media().durationSeconds()), analysis.media().width(),
                analysis.media().height(), analysis.shots().size(), analysis.replays().size(),
                analysis.players().size(), analysis.scores().states().size(), String.format("%.2f", seconds),
                Math.round(analysis.media().durationSeconds() * analysis.media().frameRate() / seconds));
        return analysis;
    }

    /**
     * {start, length} in seconds of {@code video}'s video stream as its container says: the time of its first
     * picture (0 for most MP4s, 1.4 s or more for an MPEG-TS) and its length (the shorter of the file's and the
     * stream's, so audio running on past the pictures leaves no range without frames), to choose between one pass
     * and ranges; {0, 0} when FFmpeg cannot open it or it has no video (the one pass then says why).
     */
    private static double[] videoSpan(Path video) {
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(video)) {
            grabber.start();
            if (!grabber.hasVideo()) {
                return new double[] {0, 0};
            }
            double seconds = Math.max(0, grabber.getLengthInTime() / 1e6);
            AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
            double start = 0;
            if (stream.time_base().den() > 0) {
                double unit = stream.time_base().num() / (double) stream.time_base().den();
                if (stream.duration() > 0) {
                    seconds = Math.min(seconds, stream.duration() * unit);
                }
                if (stream.start_time() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE && stream.start_time() > 0) {
                    start = stream.start_time() * unit;
                }
            }
            return new double[] {start, seconds};
        } catch (FrameGrabber.Exception | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    /**
     * {@code ranges} of a stream's length moved to where its pictures are, {@code startTime} on; the first range
     * from 0, so it owns the first picture whatever its exact time.
     */
    static List<TimeRange> shiftedBy(List<TimeRange> ranges, double startTime) {
        if (startTime <= 0) {
            return ranges;
        }
        return ranges.stream().map(r -> new TimeRange(r.index(), r.count(), r.index() == 0 ? 0 : r.from() + startTime,
                r.to() + startTime)).toList();
    }

    /** What one pass does with its opened source and its signals. */
    private interface Pass<T> {
        T run(SourceVideo source, PassSignals signals) throws FrameGrabber.Exception;
    }

    /**
     * The set-up the one pass and a range of a split game share, so both see the same pictures and signals: the
     * source checked and opened with the pass's decoder settings (only the local file, through a demuxer that opens
     * nothing else: MediaInputs), its size and frame rate checked, and every signal made for it ({@link PassSignals});
     * all closed when {@code pass} ends. A source FFmpeg cannot decode fails CONTENT_BAD.
     */
    private <T> T pass(Path video, RegisteredMedia registered, BugLayout bugLayout, Pass<T> pass) {
        if (sizeOf(video) == 0) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " is empty (0 bytes): upload a video file such as MP4 (H.264/AAC).");
        }
        try (FFmpegFrameGrabber grabber = videoGrabber(video, decodeOptions)) {
            open(grabber, video);
            SourceVideo source = SourceVideo.of(grabber, video);
            try (PassSignals signals = PassSignals.of(properties, ocrData, source.fps(), registered, bugLayout)) {
                return pass.run(source, signals);
            }
        } catch (FrameGrabber.Exception e) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " could not be decoded (" + e.getMessage() + "): upload an intact video file.", e);
        }
    }

    /**
     * The analysis pass's grabber for {@code video}, not started: the decoder's own picture, not converted (the
     * loop scales its luma down as the analysers ask), audio as interleaved floats, and what {@code decode} lets
     * the decoder skip.
     */
    static FFmpegFrameGrabber videoGrabber(Path video, DecodeProperties decode) {
        FFmpegFrameGrabber grabber = MediaInputs.grabber(video); // only the local file, only allowed demuxers
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
        if (decode.skipLoopFilter()) {
            // Deblocking only smooths block edges; the signals read averaged grey pictures.
            grabber.setVideoOption("skip_loop_filter", "all");
        }
        return grabber;
    }

    private static long sizeOf(Path video) {
        try {
            return Files.size(video);
        } catch (IOException e) {
            throw new JobFailure(JobFailure.MATERIAL_NOT_FOUND,
                    "The source file " + video + " could not be read: " + e.getMessage(), e);
        }
    }

    private static void open(FFmpegFrameGrabber grabber, Path video) {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " is not a media file FFmpeg can read: upload a video file such as MP4 (H.264/AAC).", e);
        }
        if (!grabber.hasVideo()) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has no video stream (FFmpeg read it as " + grabber.getFormat()
                    + "): upload a video file; audio-only and other files cannot be used.");
        }
    }

    private GameAnalysis decode(FFmpegFrameGrabber grabber, Path video, StageProgress progress, double fps,
                                int width, int height, ShotBoundaryDetector boundaries,
                                MotionMeter motion, ActionCentreTracker action, List<FrameAnalyser> frameAnalysers,
                                ReplayLogoDetector replays, ReplayBounds replayBounds,
                                FaceSpotter spotter, ScoreBugReader scores, List<String> warnings,
                                SkippingDecoder.Skip skip)
            throws FrameGrabber.Exception {
        boolean hasAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;
        int sampleRate = hasAudio ? grabber.getSampleRate() : 0;
        LoudnessMeter loudness = new LoudnessMeter(properties.loudnessWindowSeconds(), Math.max(1, sampleRate));
        ExcitementMeter excitement = new ExcitementMeter(properties, Math.max(1, sampleRate));
        List<AudioAnalyser> audioAnalysers = hasAudio ? List.of(loudness, excitement) : List.of();
        // Audio on its own grabber and thread: it never waits on video, and the video loop decodes no audio.
        try (AudioPass audio = (decodeOptions.audioThread() || skip != null) && hasAudio
                ? AudioPass.start(video, audioAnalysers, sampleRate, watchdog) : null) {
            return decode(grabber, video, progress, fps, width, height, boundaries, motion, action, frameAnalysers,
                    replays, replayBounds, spotter, scores, warnings, hasAudio, sampleRate, loudness, excitement,
                    audio == null ? audioAnalysers : List.of(), audio, skip);
        }
    }

    private GameAnalysis decode(FFmpegFrameGrabber grabber, Path video, StageProgress progress, double fps,
                                int width, int height, ShotBoundaryDetector boundaries,
                                MotionMeter motion, ActionCentreTracker action, List<FrameAnalyser> frameAnalysers,
                                ReplayLogoDetector replays, ReplayBounds replayBounds,
                                FaceSpotter spotter, ScoreBugReader scores, List<String> warnings, boolean hasAudio,
                                int sampleRate, LoudnessMeter loudness, ExcitementMeter excitement,
                                List<AudioAnalyser> audioAnalysers, AudioPass audio, SkippingDecoder.Skip skip)
            throws FrameGrabber.Exception {
        double expectedSeconds = grabber.getLengthInTime() / 1e6; // container's estimate, for progress only
        progress.report(0);
        double[] nextReport = {PROGRESS_EVERY_SECONDS};
        int smallWidth = properties.frameWidth();
        int smallHeight = properties.frameHeight();
        Frame frame;
        int[] frames = {0};
        double[] latest = {0};
        // The decoder's thread decodes and makes the grey pictures; the signals run on their own thread behind it.
        // closed in reverse: the signals' thread ends before the buffers its reader gives back are closed
        try (LumaPictures pictures = new LumaPictures(smallWidth, smallHeight);
             PictureCopies fullCopies = new PictureCopies();
             SignalThread signals = new SignalThread(SIGNAL_QUEUE_FRAMES, watchdog)) {
            Map<Integer, byte[]> copies = new HashMap<>();
            SkippingFrames.Sink sink = (index, time, framePictures) -> {
                latest[0] = Math.max(latest[0], time);
                List<Runnable> work = new ArrayList<>(frameAnalysers.size() + 1);
                copies.clear(); // one copy per scale and frame, shared (read only) by the analysers due
                boolean scoreDue = scores.active() && index % scores.frameStep() == 0;
                finestFirst(framePictures, frameAnalysers, index, scoreDue ? SCORE_OVERVIEW_SCALE : 0);
                for (FrameAnalyser analyser : frameAnalysers) {
                    if (index % analyser.frameStep() == 0) {
                        int scale = analyser.scale();
                        byte[] picture = copies.computeIfAbsent(scale, k -> framePictures.picture(k).clone());
                        SmallFrame small = new SmallFrame(picture, smallWidth * scale, smallHeight * scale,
                                index, time);
                        work.add(() -> analyser.frame(small));
                    }
                }
                if (scoreDue) { // a reader that cannot read (no OCR data) gets no copy of the frame
                    // handed over: the reader keeps it while its finder needs it, then gives the buffer back
                    Mat full = fullCopies.copyOf(framePictures.full());
                    byte[] overview = copies.computeIfAbsent(SCORE_OVERVIEW_SCALE,
                            k -> framePictures.picture(k).clone());
                    work.add(() -> scores.frame(time, full, fullCopies::give, overview,
                            smallWidth * SCORE_OVERVIEW_SCALE, smallHeight * SCORE_OVERVIEW_SCALE));
                }
                signals.submit(work);
                frames[0]++;
                if (time >= nextReport[0]) {
                    progress.report(expectedSeconds > 0 ? Math.min(1, time / expectedSeconds) : 0);
                    nextReport[0] = time + PROGRESS_EVERY_SECONDS;
                }
                return true;
            };
            if (skip != null) {
                try (SkippingDecoder decoder = SkippingDecoder.open(video, skip, decodeOptions.skipLoopFilter(), 0)) {
                    SkippingFrames.Counts counts = SkippingFrames.run(decoder, pictures, frameAnalysers,
                            scores.active() ? scores.frameStep() : 0, fillDifference(), 0, null, fps, sink);
                    log.info("{} ({} skipped): {}", video.getFileName(), skip, counts);
                } catch (IOException e) {
                    throw new FrameGrabber.Exception("skipping decoder: " + e.getMessage(), e);
                }
            }
            while (skip == null
                    && (frame = audio != null ? grabber.grabImage() : grabber.grab()) != null) {
                if (frame.image != null && frame.opaque instanceof AVFrame decoded) {
                    pictures.next(decoded);
                    sink.frame(frames[0], onFrameGrid(frame.timestamp, fps), SkippingFrames.FramePictures.of(pictures));
                } else if (frame.samples != null && !audioAnalysers.isEmpty() && frame.audioChannels > 0) {
                    FloatBuffer samples = (FloatBuffer) frame.samples[0];
                    long first = Math.round(frame.timestamp * (double) sampleRate / 1e6);
                    for (AudioAnalyser analyser : audioAnalysers) {
                        analyser.samples(samples, frame.audioChannels, first);
                    }
                }
            }
            signals.finish(); // every frame analysed before the results are read
        }
        double lastFrameTime = latest[0];
        if (frames[0] == 0) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has a video stream but no frame could be decoded: upload an intact video file.");
        }
        if (audio != null) {
            audio.finish(); // the audio analysers are read below
        }
        double duration = onFrameGrid(Math.round((lastFrameTime + 1 / fps) * 1e6), fps);
        MediaInfo media = new MediaInfo(duration, fps, width, height, hasAudio, sampleRate,
                hasAudio ? grabber.getAudioChannels() : 0);
        List<Transition> transitions = boundaries.transitions(duration);
        List<Shot> shots = Shot.between(transitions, duration);
        LoudnessTrack loudnessTrack = loudness.track(duration);
        ExcitementTrack excitementTrack = hasAudio ? excitement.track(duration)
                : ExcitementTrack.silent(properties.loudnessWindowSeconds(), loudnessTrack.rmsDb().length);
        List<LogoAppearance> appearances = replays == null ? List.of() : replays.appearances(video);
        ScoreTimeline scoreTimeline = scores.timeline(duration);
        warnings.addAll(scores.warnings());
        IntPredicate notMotion = boundaries.notMotion(transitions);
        GameAnalysis analysis = new GameAnalysis(media, shots, loudnessTrack, transitions,
                excitementTrack, motion.perShot(shots, boundaries.times(), notMotion),
                replays == null ? List.of() : replays.replays(appearances, replayBounds),
                spotter == null ? List.of() : spotter.sightings(),
                warnings, action.track(shots, boundaries.times(), fps), scoreTimeline, appearances,
                motion.perWindow(loudnessTrack.windowSeconds(), duration, boundaries.times(), notMotion));
        progress.report(1);
        return analysis;
    }

    // ---- a long game split across workers: one range at a time, the audio whole, then joined ----

    /**
     * Analyses one range of {@code video}: decodes from {@code marginSeconds} before the range to
     * {@code marginSeconds} after it (to the end for the last range) with every frame analyser and the score bug
     * reader, as the one pass does, and keeps what the range owns (see {@link RangeAnalysis}). The margin is the
     * carried state: the analysers' history (cut medians, gradual windows, logo tracks) is rebuilt from it, so a
     * margin longer than that history gives the range the one pass's state at its border. Audio is not decoded.
     */
    public RangeAnalysis analyzeRange(Path video, RegisteredMedia registered, TimeRange range, double marginSeconds,
                                      StageProgress progress) {
        return analyzeRange(video, registered, range, marginSeconds, progress, BugLayout.GUESS);
    }

    /**
     * As {@link #analyzeRange(Path, RegisteredMedia, TimeRange, double, StageProgress)}, with the sport's bug. A
     * range's worker of a split game chooses what to skip ({@link #skipFor}) for its own range.
     */
    public RangeAnalysis analyzeRange(Path video, RegisteredMedia registered, TimeRange range, double marginSeconds,
                                      StageProgress progress, BugLayout bugLayout) {
        return analyzeRange(video, registered, range, marginSeconds, progress, bugLayout, skipFor(video));
    }

    /** One range, decoded with {@code skip} (null: FFmpeg's own decoder), chosen once for the whole input. */
    private RangeAnalysis analyzeRange(Path video, RegisteredMedia registered, TimeRange range, double marginSeconds,
                                       StageProgress progress, BugLayout bugLayout, SkippingDecoder.Skip skip) {
        long started = System.nanoTime();
        // The one pass's set-up: a range must see the same pictures and signals for the timelines to be equal.
        RangeAnalysis result = pass(video, registered, bugLayout, (source, signals) -> decodeRange(source.grabber(),
                video, range, marginSeconds, progress, source.fps(), source.width(), source.height(),
                signals.boundaries, signals.motion, signals.action, signals.frameAnalysers, signals.replays,
                signals.spotter, signals.scores, signals.warnings, skip));
        log.info("Analysed range {} of {} [{}, {}) of {}: {} frames, {} boundaries, in {} s",
                range.index() + 1, range.count(), String.format("%.2f", range.from()),
                range.last() ? "end" : String.format("%.2f", range.to()), video.getFileName(),
                result.times().length, result.transitions().size(),
                String.format("%.2f", (System.nanoTime() - started) / 1e9));
        return result;
    }

    private RangeAnalysis decodeRange(FFmpegFrameGrabber grabber, Path video, TimeRange range, double margin,
                                      StageProgress progress, double fps, int width, int height,
                                      ShotBoundaryDetector boundaries, MotionMeter motion,
                                      ActionCentreTracker action, List<FrameAnalyser> frameAnalysers,
                                      ReplayLogoDetector replays, FaceSpotter spotter, ScoreBugReader scores,
                                      List<String> warnings, SkippingDecoder.Skip skip)
            throws FrameGrabber.Exception {
        double start = Math.max(0, range.from() - margin);
        double stop = range.last() ? Double.POSITIVE_INFINITY : range.to() + margin;
        progress.report(0);
        int smallWidth = properties.frameWidth();
        int smallHeight = properties.frameHeight();
        int[] ownedFrames = {-1, -1}; // the first and last frame the range owns
        double[] latest = {0};
        double[] nextReport = {start + PROGRESS_EVERY_SECONDS};
        double span = (range.last() ? Math.max(range.to(), start + 1) : stop) - start;
        try (LumaPictures pictures = new LumaPictures(smallWidth, smallHeight)) {
            SkippingFrames.Sink sink = (index, time, framePictures) -> {
                if (time >= stop) {
                    return false;
                }
                latest[0] = Math.max(latest[0], time);
                boolean scoreDue = scores.active() && index % scores.frameStep() == 0;
                finestFirst(framePictures, frameAnalysers, index, scoreDue ? SCORE_OVERVIEW_SCALE : 0);
                for (FrameAnalyser analyser : frameAnalysers) {
                    if (index % analyser.frameStep() == 0) {
                        int scale = analyser.scale();
                        analyser.frame(new SmallFrame(framePictures.picture(scale), smallWidth * scale,
                                smallHeight * scale, index, time));
                    }
                }
                if (scoreDue) {
                    scores.frame(time, framePictures.full(), framePictures.picture(SCORE_OVERVIEW_SCALE),
                            smallWidth * SCORE_OVERVIEW_SCALE, smallHeight * SCORE_OVERVIEW_SCALE);
                }
                if (range.owns(time)) {
                    if (ownedFrames[0] < 0) {
                        ownedFrames[0] = index;
                    }
                    ownedFrames[1] = index;
                }
                if (time >= nextReport[0]) {
                    progress.report(Math.min(1, (time - start) / span));
                    nextReport[0] = time + PROGRESS_EVERY_SECONDS;
                }
                return true;
            };
            if (skip != null) {
                // one single-threaded decoder per range: the ranges are the pass's parallelism
                try (SkippingDecoder decoder = SkippingDecoder.open(video, skip, decodeOptions.skipLoopFilter(), 1)) {
                    LongUnaryOperator framesBefore = null;
                    if (start > 0) {
                        long den = decoder.timeBase().den();
                        long num = decoder.timeBase().num();
                        decoder.seek((long) Math.floor(start * den / num));
                        framesBefore = pts -> {
                            try {
                                return FramesBefore.count(video, decoder.streamIndex(), pts);
                            } catch (FrameGrabber.Exception e) {
                                throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                                        + " could not be decoded (" + e.getMessage() + "): upload an intact video"
                                        + " file.", e);
                            }
                        };
                    }
                    SkippingFrames.Counts counts = SkippingFrames.run(decoder, pictures, frameAnalysers,
                            scores.active() ? scores.frameStep() : 0, fillDifference(), start, framesBefore, fps,
                            sink);
                    log.info("range {} of {} ({} skipped): {}", range.index() + 1, video.getFileName(), skip, counts);
                } catch (IOException e) {
                    throw new FrameGrabber.Exception("skipping decoder: " + e.getMessage(), e);
                }
            } else {
                if (start > 0) {
                    grabber.setTimestamp(Math.round(start * 1e6));
                }
                int previous = -1;
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    if (frame.image == null || !(frame.opaque instanceof AVFrame decoded)) {
                        continue;
                    }
                    double time = onFrameGrid(frame.timestamp, fps);
                    // The frame's index in the whole source by the one pass's rule: frames are counted in the order
                    // they are shown, whatever their timestamps' jitter or gaps (a frame whose timestamp rounds to
                    // its predecessor's index is the next frame all the same). The first frame decoded after a seek
                    // is given the count of the frames shown before it (FramesBefore: from the container's index
                    // where it has every sample, else from the packets before it); RangeMerge checks that the
                    // ranges then join.
                    int index = previous >= 0 ? previous + 1 : start > 0
                            ? FramesBefore.count(video, grabber.getVideoStream(), decoded.best_effort_timestamp()) : 0;
                    previous = index;
                    if (time < start - 0.5 / fps) {
                        continue; // before the seek target (a decoder that returns frames from the key frame)
                    }
                    pictures.next(decoded);
                    if (!sink.frame(index, time, SkippingFrames.FramePictures.of(pictures))) {
                        break;
                    }
                }
            }
        }
        int firstOwned = ownedFrames[0];
        int lastOwned = ownedFrames[1];
        double lastFrameTime = latest[0];
        if (firstOwned < 0) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName() + " has no frame"
                    + " in [" + range.from() + ", " + range.to() + ") s: its length differs from what the probe"
                    + " said; upload an intact video file.");
        }
        double duration = range.last() ? onFrameGrid(Math.round((lastFrameTime + 1 / fps) * 1e6), fps) : Double.NaN;
        List<Transition> found = boundaries.transitions(range.last() ? duration : Double.MAX_VALUE);
        List<Transition> owned = found.stream().filter(t -> range.owns(t.boundary())).toList();
        int n = lastOwned - firstOwned + 1;
        double[] times = new double[n];
        double[] differences = new double[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] weight = new double[n];
        FrameSeries[] raw = action.raw();
        for (int i = 0; i < n; i++) {
            int f = firstOwned + i;
            times[i] = boundaries.times().get(f);
            differences[i] = motion.differences().get(f);
            x[i] = raw[0].get(f);
            y[i] = raw[1].get(f);
            weight[i] = raw[2].get(f);
        }
        int ownedFrom = firstOwned;
        int ownedTo = lastOwned;
        int[] flashes = boundaries.flashes().stream().filter(f -> f >= ownedFrom && f <= ownedTo).toArray();
        double[] changeTimes = new double[0];
        float[] changeDiffs = new float[0];
        byte[] thumbnails = new byte[0];
        List<LogoAppearance> appearances = List.of();
        if (replays != null) {
            FrameChanges changes = (FrameChanges) replays.frameChanges();
            java.io.ByteArrayOutputStream thumbs = new java.io.ByteArrayOutputStream();
            List<Integer> kept = new java.util.ArrayList<>();
            for (int i = 0; i < changes.count(); i++) {
                if (range.owns(changes.time(i))) {
                    kept.add(i);
                }
            }
            changeTimes = new double[kept.size()];
            changeDiffs = new float[kept.size()];
            for (int k = 0; k < kept.size(); k++) {
                changeTimes[k] = changes.time(kept.get(k));
                changeDiffs[k] = changes.diff(kept.get(k));
                thumbs.writeBytes(changes.thumb(kept.get(k)));
            }
            thumbnails = thumbs.toByteArray();
            appearances = replays.appearances(video).stream().filter(a -> range.owns(a.start())).toList();
        }
        List<PlayerSighting> players = spotter == null ? List.of()
                : spotter.sightings().stream().filter(s -> range.owns(s.time())).toList();
        ScoreTimeline scoreTimeline = scores.timeline(range.last() ? duration : stop);
        progress.report(1);
        return new RangeAnalysis(range, fps, width, height, duration, firstOwned, times, differences, x, y, weight,
                flashes, replays != null, changeTimes, changeDiffs, thumbnails, owned, appearances, players,
                scoreTimeline, warnings, scores.warnings());
    }

    /**
     * Loudness and excitement of the whole of {@code video}, decoding its audio only: the carried state of a split
     * analysis's audio is the audio itself (cheap), so baselines run on across range borders.
     */
    public AudioAnalysis analyzeAudio(Path video) {
        return analyzeAudio(video, StageProgress.NONE);
    }

    /** As {@link #analyzeAudio(Path)}, telling {@code progress} it is alive (fraction 0) every second of audio. */
    public AudioAnalysis analyzeAudio(Path video, StageProgress progress) {
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(video)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            open(grabber, video);
            boolean hasAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;
            int sampleRate = hasAudio ? grabber.getSampleRate() : 0;
            LoudnessMeter loudness = new LoudnessMeter(properties.loudnessWindowSeconds(), Math.max(1, sampleRate));
            ExcitementMeter excitement = new ExcitementMeter(properties, Math.max(1, sampleRate));
            if (hasAudio) {
                Frame frame;
                long nextReport = 0;
                while ((frame = grabber.grabSamples()) != null) {
                    if (frame.timestamp >= nextReport) {
                        progress.report(0);
                        nextReport = frame.timestamp + 1_000_000;
                    }
                    if (frame.samples != null && frame.audioChannels > 0) {
                        FloatBuffer samples = (FloatBuffer) frame.samples[0];
                        long first = Math.round(frame.timestamp * (double) sampleRate / 1e6);
                        loudness.samples(samples, frame.audioChannels, first);
                        excitement.samples(samples, frame.audioChannels, first);
                    }
                }
            }
            return new AudioAnalysis(hasAudio, sampleRate, hasAudio ? grabber.getAudioChannels() : 0, loudness,
                    excitement);
        } catch (FrameGrabber.Exception e) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " could not be decoded (" + e.getMessage() + "): upload an intact video file.", e);
        }
    }

    /** The ranges of a split analysis and the whole source's audio, joined into one timeline (see RangeMerge). */
    public GameAnalysis merge(List<RangeAnalysis> ranges, AudioAnalysis audio, ReplayBounds replayBounds) {
        GameAnalysis analysis = RangeMerge.merge(properties, ranges, audio, replayBounds);
        log.info("Joined {} ranges: {} s, {} shots, {} replays, {} player sightings, {} score states", ranges.size(),
                String.format("%.2f", analysis.media().durationSeconds()), analysis.shots().size(),
                analysis.replays().size(), analysis.players().size(), analysis.scores().states().size());
        return analysis;
    }

    /**
     * As {@link #merge}; when the ranges do not join frame to frame (a range's first frame after its seek got
     * another index than the one pass counts: timestamps that drift or skip a frame, not only jitter), the whole of
     * {@code video} is analysed in one pass instead, and the analysis's warnings say so: the job gets the one-pass
     * timeline either way, and does not fail.
     */
    public GameAnalysis join(List<RangeAnalysis> ranges, AudioAnalysis audio, Path video, RegisteredMedia registered,
                             StageProgress progress, ReplayBounds replayBounds, BugLayout bugLayout) {
        try {
            return merge(ranges, audio, replayBounds);
        } catch (IllegalStateException e) {
            log.warn("The ranges of {} do not join ({}); analysing it in one pass", video.getFileName(),
                    e.getMessage());
        }
        GameAnalysis whole = onePass(video, registered, progress, replayBounds, bugLayout, skipFor(video));
        List<String> warnings = new ArrayList<>(whole.warnings());
        warnings.add("The source's frame timestamps are not evenly spaced enough to split it into ranges across"
                + " workers (the ranges' frames did not join): it was analysed in one pass on one worker. Re-encode"
                + " it at a constant frame rate for a split analysis.");
        return new GameAnalysis(whole.media(), whole.shots(), whole.loudness(), whole.transitions(),
                whole.excitement(), whole.motion(), whole.replays(), whole.players(), warnings, whole.action(),
                whole.scores(), whole.logoAppearances(), whole.motionTrack());
    }

    /**
     * Makes this frame's largest picture due first ({@code extraScale} for the score bug, 0 for none), so the smaller
     * ones due are its sums added up (see {@link LumaPictures}) instead of more passes over the full frame.
     */
    private static void finestFirst(SkippingFrames.FramePictures pictures, List<FrameAnalyser> analysers, int index, int extraScale) {
        int finest = extraScale;
        for (FrameAnalyser analyser : analysers) {
            if (index % analyser.frameStep() == 0) {
                finest = Math.max(finest, analyser.scale());
            }
        }
        if (finest > 1) {
            pictures.picture(finest);
        }
    }

    /**
     * With the skipping decoder, a gap whose pictures either side differ this much (grey levels of the small frame)
     * is decoded: half the smallest cut, so a cut (or flash) inside a gap always has it decoded, and its frame kept.
     */
    private double fillDifference() {
        return properties.cutMinDifference() / 2;
    }

    /** Seconds of a timestamp, snapped to k / fps when it is that to within a millisecond (CFR sources). */
    private static double onFrameGrid(long micros, double fps) {
        double seconds = micros / 1e6;
        long k = Math.round(seconds * fps);
        return Math.abs(k / fps - seconds) < 1e-3 ? k / fps : seconds;
    }
}
