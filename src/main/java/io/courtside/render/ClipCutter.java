package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static io.courtside.render.RenderPlan.CHANNELS;
import static io.courtside.render.RenderPlan.SAMPLE_RATE;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.Segment;

/**
 * Runs a plan's cuts (one output, one thread): copies one segment at a time from grabber to recorder. Video is cut on the source frame grid, each picture
 * cropped to the window that follows the action (a plain copy of its rows: still YUV420P, before any scaling)
 * and numbered in the output timeline; audio is cut at sample level to exactly the video's duration so A/V
 * never drift across segments, and goes through the mixer.
 */
final class ClipCutter {

    /** Seek this far before a segment and drop the extra frames: never lose the first frame to seek slop. */
    static final double PREROLL_SECONDS = 0.5;
    /** A segment may run this far past the end of the source; the last frame is repeated to fill it. */
    static final double END_TOLERANCE_SECONDS = 0.5;
    /** After the video of a segment is complete, read at most this much further for its audio. */
    static final double AUDIO_LOOKAHEAD_SECONDS = 1.0;

    private final FFmpegFrameGrabber grabber;
    private final FFmpegFrameFilter filter;
    private final FFmpegFrameRecorder recorder;
    private final AudioMixer mixer;
    private final RenderPlan plan;
    private final Fit fit;
    private final ScoreOverlay.Cover cover;
    private final double fps;
    private final StageProgress progress;
    private final boolean sourceAudio;
    private final long[] boundaryFrames;
    private final double halfDipFrames;
    private ByteBuffer tight;
    private int tightSize;
    long framesWritten;
    private long samplesWritten;

    ClipCutter(FFmpegFrameGrabber grabber, FFmpegFrameFilter filter, FFmpegFrameRecorder recorder, AudioMixer mixer,
               RenderPlan plan, StageProgress progress) {
        this.grabber = grabber;
        this.filter = filter;
        this.recorder = recorder;
        this.mixer = mixer;
        this.plan = plan;
        this.fit = plan.fit();
        this.cover = plan.score().cover();
        this.fps = plan.fps();
        this.progress = progress;
        this.sourceAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;
        List<Double> clipBounds = plan.bounds();
        this.boundaryFrames = new long[Math.max(0, clipBounds.size() - 2)];
        for (int i = 0; i < boundaryFrames.length; i++) {
            boundaryFrames[i] = Math.round(clipBounds.get(i + 1) * fps);
        }
        this.halfDipFrames = plan.transitionSeconds() * fps / 2;
    }

    /** Writes the cut's segment so that the output holds exactly {@code cut.framesAfter()} frames when done. */
    void cut(RenderPlan.Cut cut) throws FrameGrabber.Exception, FrameRecorder.Exception,
            FrameFilter.Exception {
        Segment segment = cut.segment();
        long framesAfter = cut.framesAfter();
        long frames = framesAfter - framesWritten;
        if (frames <= 0) {
            return; // shorter than half a frame after rounding
        }
        long firstFrame = cut.firstFrame();
        long endFrame = firstFrame + frames;
        long samples = Math.round(framesAfter / fps * SAMPLE_RATE) - samplesWritten;
        long firstSample = Math.round(firstFrame / fps * SAMPLE_RATE);
        long endSample = firstSample + samples;
        long nextSample = firstSample;
        boolean audioDone = !sourceAudio;
        long written = 0;
        // JavaCV reuses pulled frames: when the end may need holding, every picture goes through our own buffer.
        boolean mayRunPastEnd = endFrame / fps > plan.sourceSeconds() - 1;
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
                    progress.report((double) (framesWritten + written) / plan.plannedFrames());
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
                throw new JobFailure(JobFailure.RENDER_ERROR, "Output " + plan.outputIndex() + ": segment " + segment
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
     * YUV420P buffer, the score bug covered (when the plan says so), darkened by {@code dip}. JavaCV's grabber lays the planes out at a padded stride, its
     * filter expects them packed: this copy does both jobs at once.
     */
    private void prepare(Frame frame, double sourceTime, double dip) {
        int stride = frame.imageStride;
        int h = frame.imageHeight;
        int cw = fit.cropWidth();
        int ch = fit.cropHeight();
        int[] window = plan.cropAt(sourceTime);
        int x0 = window[0];
        int y0 = window[1];
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
        if (cover != null && cover.shownAt(sourceTime)) {
            cover.apply(tight, cw, ch, x0, y0, sourceTime);
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
