package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.courtside.analysis.ActionTrack;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.media.FFmpegLog;
import io.courtside.media.MediaInputs;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * Cuts the plan's segments out of the source and encodes them, in plan order, into one MP4
 * (H.264 High yuv420p at the source frame rate + AAC 48 kHz stereo, moov first), in one pass: one grabber, one
 * video filter graph (scale/pad, captions, title card), one audio mixer (voice-over, ducking, EBU R128 loudness)
 * and one recorder per call; frames stay YUV420P from decoder to encoder and are cropped (following the action)
 * before they are scaled. No temporary files are encoded.
 */
@Component
public class HighlightRenderer {

    private static final Logger log = LoggerFactory.getLogger(HighlightRenderer.class);

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    /** Seek this far before a segment and drop the extra frames: never lose the first frame to seek slop. */
    private static final double PREROLL_SECONDS = 0.5;
    /** A segment may run this far past the end of the source; the last frame is repeated to fill it. */
    private static final double END_TOLERANCE_SECONDS = 0.5;
    /** After the video of a segment is complete, read at most this much further for its audio. */
    private static final double AUDIO_LOOKAHEAD_SECONDS = 1.0;

    public HighlightRenderer() {
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
     * {@code voice} mixed over the ducked game audio. Null commentary: no captions, no VTT.
     */
    public RenderedOutput render(Path source, HighlightPlan plan, RenderSpec spec, ActionTrack action,
                                 Commentary commentary, VoiceTrack voice, Path target, StageProgress progress) {
        check(plan, spec);
        long started = System.nanoTime();
        Path prefix = Path.of(target.toAbsolutePath() + ".");
        try {
            RenderedOutput output = encode(source, plan, spec, action, commentary, voice == null ? VoiceTrack.NONE
                    : voice, target, prefix, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Rendered output {} ({} segments, {} s, {}x{}, {} captions, {} voice lines) in {} s",
                    plan.index(), plan.segments().size(), String.format(Locale.ROOT, "%.2f", output.durationSeconds()),
                    output.width(), output.height(), commentary == null ? 0 : commentary.lines().size(),
                    voice == null ? 0 : voice.clips().size(), String.format(Locale.ROOT, "%.2f", seconds));
            return output;
        } catch (JobFailure | JobCanceledException stop) {
            deletePartial(target);
            deletePartial(vttOf(target));
            throw stop;
        } catch (FrameGrabber.Exception e) {
            deletePartial(target);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": the source "
                    + source.getFileName() + " could not be decoded: " + e.getMessage(), e);
        } catch (FrameRecorder.Exception | FrameFilter.Exception | RuntimeException e) {
            deletePartial(target);
            deletePartial(vttOf(target));
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + " could not be encoded ("
                    + spec.width() + "x" + spec.height() + ", preset " + spec.x264Preset() + "): " + e.getMessage(), e);
        }
    }

    /** Where the WebVTT captions of {@code target} go: same name, .vtt instead of .mp4. */
    public static Path vttOf(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return target.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".vtt");
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

    private static void check(HighlightPlan plan, RenderSpec spec) {
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

    private RenderedOutput encode(Path source, HighlightPlan plan, RenderSpec spec, ActionTrack action,
                                  Commentary commentary, VoiceTrack voice, Path target, Path prefix,
                                  StageProgress progress)
            throws FrameGrabber.Exception, FrameRecorder.Exception, FrameFilter.Exception {
        Captions captions = Captions.NONE;
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(source)) {
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16); // interleaved shorts: a sample-exact slice is one index range
            grabber.setSampleRate(SAMPLE_RATE);         // resampled by the decoder: the mix is 48 kHz stereo
            grabber.setAudioChannels(CHANNELS);
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": the source "
                        + source.getFileName() + " has no video stream.");
            }
            AVCodecParameters codec = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
            Fit fit = Fit.of(spec, codec.width(), codec.height(), sampleAspect(codec));
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
            double sourceSeconds = grabber.getLengthInTime() / 1e6;
            List<Double> bounds = clipBounds(plan, fps);
            captions = Captions.of(commentary, bounds, fit.width(), fit.height(), spec.look(), prefix);
            // Frames are numbered in the output timeline, so captions are timed by output time.
            String graph = "setpts=N/FRAME_RATE/TB," + fit.filter() + captions.filter();
            long[] boundarySamples = new long[bounds.size() - 2];
            for (int i = 1; i + 1 < bounds.size(); i++) {
                boundarySamples[i - 1] = Math.round(bounds.get(i) * SAMPLE_RATE);
            }

            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, fit.cropWidth(), fit.cropHeight());
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), fit.width(), fit.height(),
                         CHANNELS)) {
                filter.setPixelFormat(AV_PIX_FMT_YUV420P);
                filter.setFrameRate(fps);
                filter.start();
                configure(recorder, spec, fps);
                recorder.start();
                try (AudioMixer mixer = new AudioMixer(recorder, voice, spec.mix(), boundarySamples,
                        Math.round(spec.look().transitionSeconds() * SAMPLE_RATE))) {
                    Cutter cutter = new Cutter(grabber, filter, recorder, mixer, fit, action, fps, sourceSeconds,
                            plan.index(), progress, Math.max(1, Math.round(plan.duration() * fps)), bounds,
                            spec.look().transitionSeconds());
                    double planned = 0;
                    int last = plan.segments().size() - 1;
                    for (int i = 0; i <= last; i++) {
                        Segment segment = plan.segments().get(i);
                        if (segment.start() >= sourceSeconds) {
                            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": segment "
                                    + segment + " starts after the end of the source (" + sourceSeconds + " s).");
                        }
                        planned += segment.duration();
                        cutter.cut(segment, framesAt(planned, fps, i == last));
                    }
                    mixer.finish();
                    recorder.stop();
                    Path vtt = null;
                    if (captions.vtt() != null) {
                        vtt = Files.writeString(vttOf(target), captions.vtt(), StandardCharsets.UTF_8);
                    }
                    return new RenderedOutput(target, cutter.framesWritten / fps, fit.width(), fit.height(), vtt);
                }
            }
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": cannot write "
                    + target + ": " + e.getMessage(), e);
        } finally {
            for (Path file : captions.files()) {
                deletePartial(file);
            }
        }
    }

    private static double sampleAspect(AVCodecParameters codec) {
        AVRational sar = codec.sample_aspect_ratio();
        return sar != null && sar.num() > 0 && sar.den() > 0 ? sar.num() / (double) sar.den() : 1.0;
    }

    private static void configure(FFmpegFrameRecorder recorder, RenderSpec spec, double fps) {
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "+faststart"); // players can start before the whole file arrives
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize((int) Math.max(1, Math.round(2 * fps)));
        recorder.setVideoBitrate(0); // quality from CRF, not JavaCV's default bitrate
        recorder.setVideoOption("preset", spec.x264Preset());
        recorder.setVideoOption("crf", Integer.toString(spec.crf()));
        recorder.setVideoOption("profile", "high");
        // x264's profile is only a ceiling; 8x8 transforms make it High even with "ultrafast"/"superfast".
        recorder.setVideoOption("x264-params", "8x8dct=1");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioChannels(CHANNELS);
        recorder.setAudioBitrate(128_000);
    }

    private static void deletePartial(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            log.warn("Could not delete partial output {}: {}", target, e.getMessage());
        }
    }

    /**
     * Output size, the part of the source each frame is cut to before filtering (CROP: a window of the output's
     * aspect that moves with the action; otherwise the whole frame) and the graph that fits that part into the
     * output (crop before scale: less to scale). Never stretched.
     */
    record Fit(int width, int height, int cropWidth, int cropHeight, int sourceWidth, int sourceHeight,
               String filter) {

        static Fit of(RenderSpec spec, int sourceWidth, int sourceHeight, double sampleAspect) {
            double sourceAspect = sourceWidth * sampleAspect / sourceHeight; // display aspect
            int w = spec.width();
            int h = spec.height();
            if (w == 0 && h == 0) {
                w = even(sourceHeight * sourceAspect);
                h = even(sourceHeight);
            } else if (w == 0) {
                w = even(h * sourceAspect);
            } else if (h == 0) {
                h = even(w / sourceAspect);
            }
            double outAspect = w / (double) h;
            int cropW = sourceWidth;
            int cropH = sourceHeight;
            String graph;
            if (Math.abs(outAspect - sourceAspect) < 1e-3) {
                graph = String.format(Locale.ROOT, "scale=%d:%d", w, h);
            } else if (spec.fit() == FitMode.CROP) {
                if (sourceAspect > outAspect) {
                    cropW = Math.min(sourceWidth, even(sourceHeight * outAspect / sampleAspect));
                } else {
                    cropH = Math.min(sourceHeight, even(sourceWidth * sampleAspect / outAspect));
                }
                graph = String.format(Locale.ROOT, "scale=%d:%d", w, h);
            } else {
                int innerW = w;
                int innerH = h;
                if (sourceAspect > outAspect) {
                    innerH = Math.min(h, even(w / sourceAspect));
                } else {
                    innerW = Math.min(w, even(h * sourceAspect));
                }
                if (spec.fit() == FitMode.BLUR) {
                    // The background is the centre crop that fills the frame, blurred at 1/8 size (cheap) and
                    // scaled back up; the whole picture goes on top.
                    int bgW = sourceWidth;
                    int bgH = sourceHeight;
                    if (sourceAspect > outAspect) {
                        bgW = Math.min(sourceWidth, even(sourceHeight * outAspect / sampleAspect));
                    } else {
                        bgH = Math.min(sourceHeight, even(sourceWidth * sampleAspect / outAspect));
                    }
                    graph = String.format(Locale.ROOT, "split[fg][bg];[bg]crop=%d:%d:%d:%d,scale=%d:%d,boxblur=4:2,"
                                    + "scale=%d:%d,setsar=1[blurred];[fg]scale=%d:%d,setsar=1[picture];"
                                    + "[blurred][picture]overlay=%d:%d:format=yuv420",
                            bgW, bgH, (sourceWidth - bgW) / 2, (sourceHeight - bgH) / 2, even(w / 8.0),
                            even(h / 8.0), w, h, innerW, innerH, (w - innerW) / 2, (h - innerH) / 2);
                } else {
                    graph = String.format(Locale.ROOT, "scale=%d:%d,pad=%d:%d:%d:%d:black", innerW, innerH, w, h,
                            (w - innerW) / 2, (h - innerH) / 2);
                }
            }
            return new Fit(w, h, cropW, cropH, sourceWidth, sourceHeight, graph + ",setsar=1");
        }

        boolean moving() {
            return cropWidth != sourceWidth || cropHeight != sourceHeight;
        }

        /** Left edge of the crop window (even) centred on {@code centreX} (0-1), kept inside the frame. */
        int cropX(double centreX) {
            return clampEven(centreX * sourceWidth - cropWidth / 2.0, sourceWidth - cropWidth);
        }

        int cropY(double centreY) {
            return clampEven(centreY * sourceHeight - cropHeight / 2.0, sourceHeight - cropHeight);
        }

        private static int clampEven(double v, int max) {
            int x = 2 * (int) Math.round(v / 2);
            return Math.max(0, Math.min(max - (max & 1), x));
        }

        private static int even(double v) {
            return Math.max(2, 2 * (int) Math.round(v / 2));
        }
    }

    /**
     * Copies one segment at a time from grabber to recorder. Video is cut on the source frame grid, each picture
     * cropped to the window that follows the action (a plain copy of its rows: still YUV420P, before any scaling)
     * and numbered in the output timeline; audio is cut at sample level to exactly the video's duration so A/V
     * never drift across segments, and goes through the mixer.
     */
    private static final class Cutter {
        private final FFmpegFrameGrabber grabber;
        private final FFmpegFrameFilter filter;
        private final FFmpegFrameRecorder recorder;
        private final AudioMixer mixer;
        private final Fit fit;
        private final ActionTrack action;
        private final double fps;
        private final int outputIndex;
        private final StageProgress progress;
        private final long plannedFrames;
        private final boolean sourceAudio;
        private final long[] boundaryFrames;
        private final double halfDipFrames;
        private ByteBuffer tight;
        private int tightSize;
        private final double sourceSeconds;
        long framesWritten;
        private long samplesWritten;

        Cutter(FFmpegFrameGrabber grabber, FFmpegFrameFilter filter, FFmpegFrameRecorder recorder, AudioMixer mixer,
               Fit fit, ActionTrack action, double fps, double sourceSeconds, int outputIndex, StageProgress progress,
               long plannedFrames, List<Double> clipBounds, double transitionSeconds) {
            this.sourceSeconds = sourceSeconds;
            this.grabber = grabber;
            this.filter = filter;
            this.recorder = recorder;
            this.mixer = mixer;
            this.fit = fit;
            this.action = action;
            this.fps = fps;
            this.outputIndex = outputIndex;
            this.progress = progress;
            this.plannedFrames = plannedFrames;
            this.sourceAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;
            this.boundaryFrames = new long[Math.max(0, clipBounds.size() - 2)];
            for (int i = 0; i < boundaryFrames.length; i++) {
                boundaryFrames[i] = Math.round(clipBounds.get(i + 1) * fps);
            }
            this.halfDipFrames = transitionSeconds * fps / 2;
        }

        /** Writes the segment so that the output holds exactly {@code framesAfter} frames when done. */
        void cut(Segment segment, long framesAfter) throws FrameGrabber.Exception, FrameRecorder.Exception,
                FrameFilter.Exception {
            long frames = framesAfter - framesWritten;
            if (frames <= 0) {
                return; // shorter than half a frame after rounding
            }
            long firstFrame = Math.round(segment.start() * fps);
            long endFrame = firstFrame + frames;
            long samples = Math.round(framesAfter / fps * SAMPLE_RATE) - samplesWritten;
            long firstSample = Math.round(firstFrame / fps * SAMPLE_RATE);
            long endSample = firstSample + samples;
            long nextSample = firstSample;
            boolean audioDone = !sourceAudio;
            long written = 0;
            // JavaCV reuses pulled frames: when the end may need holding, every picture goes through our own buffer.
            boolean mayRunPastEnd = endFrame / fps > sourceSeconds - 1;
            boolean haveLast = false;

            grabber.setTimestamp(Math.max(0, Math.round((firstFrame / fps - PREROLL_SECONDS) * 1e6)));
            long giveUpAfter = Math.round((endFrame / fps + AUDIO_LOOKAHEAD_SECONDS) * 1e6);
            Frame frame;
            while ((written < frames || !audioDone) && (frame = grabber.grab()) != null) {
                if (frame.image != null) {
                    long index = Math.round(frame.timestamp * fps / 1e6);
                    long expected = firstFrame + written;
                    // Frames before the expected one (preroll, duplicate timestamps) are dropped; a gap
                    // (variable frame rate, dropped frames) is filled by repeating this picture: constant rate out.
                    if (written < frames && index >= expected) {
                        long copies = Math.min(index - expected + 1, frames - written);
                        for (long c = 0; c < copies; c++) {
                            long out = framesWritten + written;
                            double dip = dip(out);
                            if (!fit.moving() && dip >= 1 && !mayRunPastEnd && frame.imageStride == frame.imageWidth) {
                                filter.push(frame, AV_PIX_FMT_YUV420P);
                            } else {
                                prepare(frame, index / fps, dip);
                                pushPrepared();
                                haveLast = true;
                            }
                            written++;
                            pull();
                        }
                        progress.report((double) (framesWritten + written) / plannedFrames);
                    }
                    if (frame.timestamp > giveUpAfter) {
                        break; // the source has no more audio for this segment: pad below
                    }
                } else if (frame.samples != null && !audioDone) {
                    ShortBuffer in = (ShortBuffer) frame.samples[0];
                    int count = in.limit() / CHANNELS;
                    long first = Math.round(frame.timestamp * SAMPLE_RATE / 1e6);
                    if (first >= endSample) {
                        audioDone = true;
                    } else if (first + count > nextSample) {
                        if (first > nextSample) {
                            silence(first - nextSample); // a gap in the source audio
                            nextSample = first;
                        }
                        int from = (int) (nextSample - first);
                        int to = (int) Math.min(count, endSample - first);
                        if (to > from) {
                            ShortBuffer slice = in.duplicate();
                            slice.position(from * CHANNELS);
                            mixer.game(slice, to - from);
                            samplesWritten += to - from;
                        }
                        nextSample = first + to;
                        audioDone = nextSample >= endSample;
                    }
                }
            }
            if (written < frames) {
                long missing = frames - written;
                if (!haveLast || missing > END_TOLERANCE_SECONDS * fps) {
                    throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + outputIndex + ": segment " + segment
                            + " runs past the end of the source (" + missing + " frames missing).");
                }
                for (; written < frames; written++) { // hold the last picture to the planned end
                    pushPrepared();
                    pull();
                }
            }
            framesWritten += written;
            long target = Math.round(framesWritten / fps * SAMPLE_RATE);
            if (samplesWritten < target) {
                silence(target - samplesWritten); // no (or not enough) source audio: silence, same length
            }
        }

        private void pull() throws FrameFilter.Exception, FrameRecorder.Exception {
            Frame filtered;
            while ((filtered = filter.pull()) != null) {
                recorder.record(filtered, AV_PIX_FMT_YUV420P);
            }
        }

        /** Brightness of output frame {@code out}: 1, or less near a clip boundary (dip to black). */
        private double dip(long out) {
            if (halfDipFrames <= 0) {
                return 1;
            }
            double mid = out + 0.5;
            double f = 1;
            for (long b : boundaryFrames) {
                double d = Math.abs(mid - b);
                if (d < halfDipFrames) {
                    f = Math.min(f, d / halfDipFrames);
                }
            }
            return f;
        }

        /**
         * Copies the crop window of {@code frame} (around the action at {@code sourceTime}) into a tightly packed
         * YUV420P buffer, darkened by {@code dip}. JavaCV's grabber lays the planes out at a padded stride, its
         * filter expects them packed: this copy does both jobs at once.
         */
        private void prepare(Frame frame, double sourceTime, double dip) {
            int stride = frame.imageStride;
            int h = frame.imageHeight;
            int cw = fit.cropWidth();
            int ch = fit.cropHeight();
            int x0 = fit.cropWidth() == fit.sourceWidth() ? 0
                    : fit.cropX(action == null ? 0.5 : action.centreX(sourceTime));
            int y0 = fit.cropHeight() == fit.sourceHeight() ? 0
                    : fit.cropY(action == null ? 0.5 : action.centreY(sourceTime));
            int ccw = (cw + 1) / 2;
            int cch = (ch + 1) / 2;
            int cstride = (stride + 1) / 2;
            int chromaRows = (h + 1) / 2;
            int size = cw * ch + 2 * ccw * cch;
            if (tight == null || tight.capacity() < size) {
                tight = ByteBuffer.allocateDirect(size);
            }
            tightSize = size;
            ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
            src.limit(src.capacity()); // JavaCV limits the buffer to the luma plane
            int dst = 0;
            for (int y = 0; y < ch; y++, dst += cw) {
                tight.put(dst, src, (y0 + y) * stride + x0, cw);
            }
            for (int plane = 0; plane < 2; plane++) {
                int base = stride * h + plane * cstride * chromaRows;
                for (int y = 0; y < cch; y++, dst += ccw) {
                    tight.put(dst, src, base + (y0 / 2 + y) * cstride + x0 / 2, ccw);
                }
            }
            if (dip < 1) {
                int luma = cw * ch;
                for (int i = 0; i < size; i++) {
                    int v = tight.get(i) & 0xff;
                    int floor = i < luma ? 16 : 128;
                    tight.put(i, (byte) Math.round(floor + (v - floor) * dip));
                }
            }
        }

        private void pushPrepared() throws FrameFilter.Exception {
            tight.position(0).limit(tightSize);
            filter.pushImage(0, fit.cropWidth(), fit.cropHeight(), Frame.DEPTH_UBYTE, 1, fit.cropWidth(),
                    AV_PIX_FMT_YUV420P, tight);
        }

        private void silence(long count) throws FrameRecorder.Exception, FrameFilter.Exception {
            mixer.silence(count);
            samplesWritten += count;
        }
    }
}
