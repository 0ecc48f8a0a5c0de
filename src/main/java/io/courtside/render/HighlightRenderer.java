package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.courtside.job.JobCanceledException;
import io.courtside.job.JobFailure;
import io.courtside.job.StageProgress;
import io.courtside.media.FFmpegLog;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * Cuts the plan's segments out of the source and encodes them, in plan order, into one MP4
 * (H.264 High yuv420p at the source frame rate + AAC 48 kHz stereo, moov first). One grabber and one
 * recorder per call; frames stay YUV420P from decoder to encoder.
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

    public RenderedOutput render(Path source, HighlightPlan plan, RenderSpec spec, Path target,
                                 StageProgress progress) {
        check(plan, spec);
        long started = System.nanoTime();
        try {
            RenderedOutput output = encode(source, plan, spec, target, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Rendered output {} ({} segments, {} s, {}x{}) in {} s", plan.index(), plan.segments().size(),
                    String.format(Locale.ROOT, "%.2f", output.durationSeconds()), output.width(), output.height(),
                    String.format(Locale.ROOT, "%.2f", seconds));
            return output;
        } catch (JobFailure | JobCanceledException stop) {
            deletePartial(target);
            throw stop;
        } catch (FrameGrabber.Exception e) {
            deletePartial(target);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": the source "
                    + source.getFileName() + " could not be decoded: " + e.getMessage(), e);
        } catch (FrameRecorder.Exception | FrameFilter.Exception | RuntimeException e) {
            deletePartial(target);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + " could not be encoded ("
                    + spec.width() + "x" + spec.height() + ", preset " + spec.x264Preset() + "): " + e.getMessage(), e);
        }
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

    private RenderedOutput encode(Path source, HighlightPlan plan, RenderSpec spec, Path target,
                                  StageProgress progress) throws FrameGrabber.Exception, FrameRecorder.Exception, FrameFilter.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + source.toAbsolutePath())) {
            grabber.setOption("protocol_whitelist", "file");
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16); // interleaved shorts: a sample-exact slice is one index range
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": the source "
                        + source.getFileName() + " has no video stream.");
            }
            AVCodecParameters codec = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
            Fit fit = Fit.of(spec, codec.width(), codec.height(), sampleAspect(codec));
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
            double sourceSeconds = grabber.getLengthInTime() / 1e6;

            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(fit.filter(), codec.width(), codec.height());
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), fit.width(), fit.height(),
                         CHANNELS)) {
                filter.setPixelFormat(AV_PIX_FMT_YUV420P);
                filter.setFrameRate(fps);
                filter.start();
                configure(recorder, spec, fps);
                recorder.start();
                Cutter cutter = new Cutter(grabber, filter, recorder, fps, sourceSeconds, plan.index(), progress,
                        Math.max(1, Math.round(plan.duration() * fps)));
                double planned = 0;
                for (Segment segment : plan.segments()) {
                    if (segment.start() >= sourceSeconds) {
                        throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": segment "
                                + segment + " starts after the end of the source (" + sourceSeconds + " s).");
                    }
                    planned += segment.duration();
                    cutter.cut(segment, Math.round(planned * fps));
                }
                recorder.stop();
                return new RenderedOutput(target, cutter.framesWritten / fps, fit.width(), fit.height());
            }
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.index() + ": cannot write "
                    + target + ": " + e.getMessage(), e);
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

    /** Output size and the filter graph that fits the source into it (crop before scale: less to scale). */
    record Fit(int width, int height, String filter) {

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
            String graph;
            if (Math.abs(outAspect - sourceAspect) < 1e-3) {
                graph = String.format(Locale.ROOT, "scale=%d:%d", w, h);
            } else if (spec.fit() == FitMode.CROP) {
                int cropW = sourceWidth;
                int cropH = sourceHeight;
                if (sourceAspect > outAspect) {
                    cropW = Math.min(sourceWidth, even(sourceHeight * outAspect / sampleAspect));
                } else {
                    cropH = Math.min(sourceHeight, even(sourceWidth * sampleAspect / outAspect));
                }
                graph = String.format(Locale.ROOT, "crop=%d:%d:%d:%d,scale=%d:%d", cropW, cropH,
                        (sourceWidth - cropW) / 2, (sourceHeight - cropH) / 2, w, h);
            } else {
                int innerW = w;
                int innerH = h;
                if (sourceAspect > outAspect) {
                    innerH = Math.min(h, even(w / sourceAspect));
                } else {
                    innerW = Math.min(w, even(h * sourceAspect));
                }
                graph = String.format(Locale.ROOT, "scale=%d:%d,pad=%d:%d:%d:%d:black", innerW, innerH, w, h,
                        (w - innerW) / 2, (h - innerH) / 2);
            }
            return new Fit(w, h, graph + ",setsar=1");
        }

        private static int even(double v) {
            return Math.max(2, 2 * (int) Math.round(v / 2));
        }
    }

    /**
     * Copies one segment at a time from grabber to recorder. Video is cut on the source frame grid;
     * audio is cut at sample level to exactly the video's duration so A/V never drift across segments.
     */
    private static final class Cutter {
        private final FFmpegFrameGrabber grabber;
        private final FFmpegFrameFilter filter;
        private final FFmpegFrameRecorder recorder;
        private final double fps;
        private final int outputIndex;
        private final StageProgress progress;
        private final long plannedFrames;
        private final boolean sourceAudio;
        private final int sampleRate;  // of the audio we hand the recorder (source rate, or 48 kHz silence)
        private final int channels;
        private ShortBuffer buffer = ShortBuffer.allocate(0);
        private ShortBuffer silence;
        private ByteBuffer tight;
        private final double sourceSeconds;
        private ByteBuffer held;
        private int heldWidth;
        private int heldHeight;
        private int heldChannels;
        private int heldStride;
        long framesWritten;
        private long samplesWritten;

        Cutter(FFmpegFrameGrabber grabber, FFmpegFrameFilter filter, FFmpegFrameRecorder recorder, double fps,
               double sourceSeconds, int outputIndex, StageProgress progress, long plannedFrames) {
            this.sourceSeconds = sourceSeconds;
            this.grabber = grabber;
            this.filter = filter;
            this.recorder = recorder;
            this.fps = fps;
            this.outputIndex = outputIndex;
            this.progress = progress;
            this.plannedFrames = plannedFrames;
            this.sourceAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;
            this.sampleRate = sourceAudio ? grabber.getSampleRate() : SAMPLE_RATE;
            this.channels = sourceAudio ? grabber.getAudioChannels() : CHANNELS;
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
            long samples = Math.round(framesAfter / fps * sampleRate) - samplesWritten;
            long firstSample = Math.round(firstFrame / fps * sampleRate);
            long endSample = firstSample + samples;
            long nextSample = firstSample;
            boolean audioDone = !sourceAudio;
            long written = 0;
            // JavaCV reuses pulled frames, so keep a copy of the latest picture when the end may need holding.
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
                        push(frame);
                        Frame scaled;
                        while ((scaled = filter.pull()) != null) {
                            for (long c = 0; c < copies; c++) {
                                recorder.record(scaled, AV_PIX_FMT_YUV420P);
                            }
                            written += copies;
                            progress.report((double) (framesWritten + written) / plannedFrames);
                            if (mayRunPastEnd) {
                                keep(scaled);
                                haveLast = true;
                            }
                        }
                    }
                    if (frame.timestamp > giveUpAfter) {
                        break; // the source has no more audio for this segment: pad below
                    }
                } else if (frame.samples != null && !audioDone) {
                    ShortBuffer in = (ShortBuffer) frame.samples[0];
                    int count = in.limit() / channels;
                    long first = Math.round(frame.timestamp * sampleRate / 1e6);
                    if (first >= endSample) {
                        audioDone = true;
                    } else if (first + count > nextSample) {
                        if (first > nextSample) {
                            writeSilence(first - nextSample); // a gap in the source audio
                            nextSample = first;
                        }
                        int from = (int) (nextSample - first);
                        int to = (int) Math.min(count, endSample - first);
                        writeSamples(in, from, to);
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
                    held.rewind();
                    recorder.recordImage(heldWidth, heldHeight, Frame.DEPTH_UBYTE, heldChannels, heldStride,
                            AV_PIX_FMT_YUV420P, held);
                }
            }
            framesWritten += written;
            long target = Math.round(framesWritten / fps * sampleRate);
            if (samplesWritten < target) {
                writeSilence(target - samplesWritten); // no (or not enough) source audio: silence, same length
            }
        }

        private void keep(Frame picture) {
            ByteBuffer data = ((ByteBuffer) picture.image[0]).duplicate();
            data.rewind();
            if (held == null || held.capacity() < data.remaining()) {
                held = ByteBuffer.allocateDirect(data.remaining());
            }
            held.clear();
            held.put(data).flip();
            heldWidth = picture.imageWidth;
            heldHeight = picture.imageHeight;
            heldChannels = picture.imageChannels;
            heldStride = picture.imageStride;
        }

        /**
         * JavaCV's grabber lays the YUV420P planes out at a padded stride (a multiple of 64 here), but its filter
         * finds the chroma planes from the width: repack when they differ (e.g. 720- or 1080-wide sources).
         */
        private void push(Frame frame) throws FrameFilter.Exception {
            int w = frame.imageWidth;
            int h = frame.imageHeight;
            int stride = frame.imageStride;
            if (stride == w) {
                filter.push(frame, AV_PIX_FMT_YUV420P);
                return;
            }
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            int cstride = (stride + 1) / 2;
            int size = w * h + 2 * cw * ch;
            if (tight == null || tight.capacity() < size) {
                tight = ByteBuffer.allocateDirect(size);
            }
            ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
            src.limit(src.capacity()); // JavaCV limits the buffer to the luma plane
            int dst = 0;
            for (int y = 0; y < h; y++, dst += w) {
                tight.put(dst, src, y * stride, w);
            }
            for (int plane = 0; plane < 2; plane++) {
                int base = stride * h + plane * cstride * ch;
                for (int y = 0; y < ch; y++, dst += cw) {
                    tight.put(dst, src, base + y * cstride, cw);
                }
            }
            tight.position(0).limit(size);
            filter.pushImage(0, w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV420P, tight);
        }

        private void writeSamples(ShortBuffer in, int from, int to) throws FrameRecorder.Exception {
            if (to <= from) {
                return;
            }
            ShortBuffer slice = in.duplicate();
            slice.limit(to * channels).position(from * channels);
            record(slice, to - from);
        }

        private void writeSilence(long count) throws FrameRecorder.Exception {
            if (silence == null) {
                silence = ByteBuffer.allocateDirect(sampleRate * channels * Short.BYTES) // zero-filled
                        .order(ByteOrder.nativeOrder()).asShortBuffer();
            }
            while (count > 0) {
                int n = (int) Math.min(sampleRate, count);
                silence.clear().limit(n * channels);
                recorder.recordSamples(sampleRate, channels, silence);
                samplesWritten += n;
                count -= n;
            }
        }

        private void record(ShortBuffer samples, int count) throws FrameRecorder.Exception {
            ShortBuffer direct = buffer(samples.remaining());
            direct.put(samples).flip();
            recorder.recordSamples(sampleRate, channels, direct);
            samplesWritten += count;
        }

        private ShortBuffer buffer(int shorts) {
            if (buffer.capacity() < shorts) {
                buffer = ByteBuffer.allocateDirect(shorts * Short.BYTES).order(ByteOrder.nativeOrder()).asShortBuffer();
            }
            buffer.clear();
            return buffer;
        }
    }
}
