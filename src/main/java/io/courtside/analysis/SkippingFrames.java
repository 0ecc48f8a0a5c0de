package io.courtside.analysis;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import io.courtside.media.SkippingDecoder;

/**
 * The analysis pass's frames from a {@link SkippingDecoder} ({@code courtside.analysis.decode.skip-non-reference}):
 * every frame index of the source reaches the pass once, in order, as the decoded picture or as one of the frames
 * the decoder skipped before it (its gap). A gap is decoded exactly ({@link SkippingDecoder#fillGap}) when
 * <ul>
 * <li>a sampled analyser is due at one of its frames (replay logos, faces, the score bug: they see the frames they
 * see in a full decode), or</li>
 * <li>the pictures either side of it differ by at least {@code fillDifference} (grey levels of the small frame):
 * something happens in it, a cut, a flash or a fast move, so the shot boundaries see the real frames and a cut
 * keeps its frame;</li>
 * </ul>
 * otherwise the picture changes little across the gap, and the every-frame analysers (shot boundaries, motion,
 * action centre) get its frames as the linear blend of the pictures either side, at their indexes and times. An
 * every-frame analyser that takes no blended frames ({@link FrameAnalyser#takesBlendedFrames()}: the replays' frame
 * changes, whose slowed-down stretches repeat frames) has every gap decoded. What that changes: the small steps inside quiet gaps (motion, the median of recent differences), and a
 * flash shorter than a gap between two alike pictures is not seen (it would neither cut nor count as motion).
 */
final class SkippingFrames {

    /** Where the pass takes a frame: its index in the whole source, its time; false to stop decoding. */
    interface Sink {
        boolean frame(int index, double time, FramePictures pictures);
    }

    /** A frame's grey pictures as the analysers ask for them (LumaPictures for a decoded one). */
    interface FramePictures {
        byte[] picture(int scale);

        Mat full();

        /** False for a frame the skipping decoder left out and the pass blended from its neighbours. */
        default boolean decoded() {
            return true;
        }

        static FramePictures of(LumaPictures pictures) {
            return new FramePictures() {
                @Override
                public byte[] picture(int scale) {
                    return pictures.picture(scale);
                }

                @Override
                public Mat full() {
                    return pictures.full();
                }
            };
        }
    }

    /** Frames the pass got: decoded by the skipping pass, decoded to fill a gap, blended in a quiet gap. */
    record Counts(long decoded, long filled, long blended) {
    }

    private SkippingFrames() {
    }

    /**
     * Feeds {@code sink} every frame from {@code decoder}'s position on.
     *
     * @param analysers      the pass's frame analysers (their steps and scales)
     * @param scoreStep      the score bug reader's frame step, 0 when it reads nothing
     * @param fillDifference a gap whose sides differ this much (mean absolute grey difference) is decoded
     * @param fromTime       frames shown before this time (after a seek) are counted, not fed, and not filled
     * @param framesBefore   the frames of the whole source shown before a pts (the first picture's index after a
     *                       seek); null when decoding from the start
     * @param fps            the source's frame rate, to put times on its frame grid
     */
    static Counts run(SkippingDecoder decoder, LumaPictures pictures, List<FrameAnalyser> analysers, int scoreStep,
                      double fillDifference, double fromTime, LongUnaryOperator framesBefore, double fps, Sink sink)
            throws IOException {
        TreeSet<Integer> everyFrameScales = new TreeSet<>();
        boolean fillEveryGap = false;
        for (FrameAnalyser analyser : analysers) {
            if (analyser.frameStep() == 1) {
                everyFrameScales.add(analyser.scale());
                fillEveryGap |= !analyser.takesBlendedFrames();
            }
        }
        everyFrameScales.add(1); // the gap's change is measured on the small frame
        long timeBaseNum = decoder.timeBase().num();
        long timeBaseDen = decoder.timeBase().den();
        Map<Integer, byte[]> previous = new HashMap<>();
        long base = Long.MIN_VALUE;
        int previousIndex = -1;
        double previousTime = 0;
        long decoded = 0;
        long filled = 0;
        long blended = 0;
        SkippingDecoder.Picture picture;
        while ((picture = decoder.next()) != null) {
            if (base == Long.MIN_VALUE) {
                base = framesBefore == null ? 0 : framesBefore.applyAsLong(picture.pts()) - picture.index();
            }
            int index = (int) (base + picture.index());
            double time = onFrameGrid(1_000_000L * picture.pts() * timeBaseNum / timeBaseDen / 1e6, fps);
            decoded++;
            pictures.next(picture.frame());
            long[] gap = picture.skippedBefore();
            boolean fed = time >= fromTime - 0.5 / fps;
            if (gap.length > 0 && fed) {
                boolean fill = fillEveryGap || previousIndex < 0 || due(gap, base, analysers, scoreStep)
                        || Pixels.meanAbsoluteDifference(previous.get(1), pictures.picture(1)) >= fillDifference;
                if (fill) {
                    long offset = base;
                    boolean[] going = {true};
                    long[] count = {0};
                    decoder.fillGap((AVFrame frame, long i, long pts) -> {
                        double t = onFrameGrid(1_000_000L * pts * timeBaseNum / timeBaseDen / 1e6, fps);
                        count[0]++;
                        if (going[0] && t >= fromTime - 0.5 / fps) {
                            pictures.next(frame);
                            going[0] = sink.frame((int) (offset + i), t, FramePictures.of(pictures));
                        }
                    });
                    filled += count[0];
                    if (!going[0]) {
                        break;
                    }
                    pictures.next(picture.frame()); // the picture itself again: the gap's frames replaced it
                } else {
                    boolean going = true;
                    for (long i : gap) {
                        int k = (int) (base + i);
                        double share = (k - previousIndex) / (double) (index - previousIndex);
                        Map<Integer, byte[]> blend = new HashMap<>();
                        for (int scale : everyFrameScales) {
                            blend.put(scale, blend(previous.get(scale), pictures.picture(scale), share));
                        }
                        blended++;
                        going = sink.frame(k, previousTime + share * (time - previousTime), blendOf(blend));
                        if (!going) {
                            break;
                        }
                    }
                    if (!going) {
                        break;
                    }
                }
            }
            if (fed) {
                if (!sink.frame(index, time, FramePictures.of(pictures))) {
                    break;
                }
                for (int scale : everyFrameScales) {
                    previous.put(scale, pictures.picture(scale).clone());
                }
                previousIndex = index;
                previousTime = time;
            }
        }
        return new Counts(decoded, filled, blended);
    }

    /** True when a sampled analyser (or the score bug reader) looks at one of the gap's frames. */
    private static boolean due(long[] gap, long base, List<FrameAnalyser> analysers, int scoreStep) {
        for (long i : gap) {
            long index = base + i;
            if (scoreStep > 0 && index % scoreStep == 0) {
                return true;
            }
            for (FrameAnalyser analyser : analysers) {
                if (analyser.frameStep() > 1 && index % analyser.frameStep() == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code from} and {@code to} mixed pixel by pixel, {@code share} of the way to {@code to}, rounded. */
    static byte[] blend(byte[] from, byte[] to, double share) {
        byte[] mixed = new byte[to.length];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (byte) Math.round((from[i] & 0xff) * (1 - share) + (to[i] & 0xff) * share);
        }
        return mixed;
    }

    /** A blended frame's pictures: only the every-frame analysers' scales exist, and no full-size picture. */
    private static FramePictures blendOf(Map<Integer, byte[]> pictures) {
        return new FramePictures() {
            @Override
            public byte[] picture(int scale) {
                byte[] picture = pictures.get(scale);
                if (picture == null) {
                    throw new IllegalStateException("a blended frame has no picture at scale " + scale);
                }
                return picture;
            }

            @Override
            public Mat full() {
                throw new IllegalStateException("a blended frame has no full-size picture");
            }

            @Override
            public boolean decoded() {
                return false;
            }
        };
    }

    /** Seconds snapped to k / fps when within a millisecond of it (CFR sources), as the grabber pass does. */
    static double onFrameGrid(double seconds, double fps) {
        long k = Math.round(seconds * fps);
        return Math.abs(k / fps - seconds) < 1e-3 ? k / fps : seconds;
    }
}
