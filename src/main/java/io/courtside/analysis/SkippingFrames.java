package io.courtside.analysis;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import io.courtside.media.SkippingDecoder;

/**
 * The analysis pass's frames from a {@link SkippingDecoder} ({@code courtside.analysis.decode.skip-frames}):
 * every frame index of the source reaches the pass once, in order, as the decoded picture or as one of the frames
 * the decoder skipped before it (its gap: one non-reference B-frame, or with every B-frame skipped all of them
 * between two I/P pictures, three in a row in IBBBP). Whatever its length, a gap is
 * <ul>
 * <li>decoded exactly, all of it ({@link SkippingDecoder#fillGap}), when the pictures either side of it differ by at
 * least {@code fillDifference} (grey levels of the small frame): something happens in it, a cut, a flash or a fast
 * move, so the shot boundaries see the real frames and a cut keeps its frame; or when an every-frame analyser takes
 * no blended frames ({@link FrameAnalyser#takesBlendedFrames()}: the replays' frame changes, whose slowed-down
 * stretches repeat frames);</li>
 * <li>otherwise decoded only at the frames a sampled analyser is due at (replay logos, faces, the score bug: they see
 * the frames they see in a full decode) and the reference frames those may refer to (a pyramid's middle B), the
 * rest blended;</li>
 * </ul>
 * a frame not decoded reaches the every-frame analysers (shot boundaries, motion, action centre) as the linear blend
 * of the nearest decoded pictures either side, at its index and time: the picture changes little across the gap.
 * What that changes: the small steps inside quiet gaps (motion, the median of recent differences), and a flash
 * shorter than a gap between two alike pictures is not seen (it would neither cut nor count as motion).
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
                boolean whole = fillEveryGap || previousIndex < 0
                        || Pixels.meanAbsoluteDifference(previous.get(1), pictures.picture(1)) >= fillDifference;
                long offset = base;
                LongPredicate wanted = whole ? i -> true : i -> due(offset + i, analysers, scoreStep);
                boolean anyWanted = whole;
                for (long i : gap) {
                    anyWanted |= wanted.test(i);
                }
                // The gap's frames in display order: decoded ones as they come, the others blended between the
                // nearest decoded pictures either side (the one before the gap, a decoded one in it, this one).
                Map<Integer, byte[]> right = new HashMap<>();
                for (int scale : everyFrameScales) {
                    right.put(scale, pictures.picture(scale).clone());
                }
                Gap between = new Gap(sink, everyFrameScales, previous, previousIndex, previousTime);
                int[] cursor = {0};
                boolean[] going = {true};
                if (anyWanted) {
                    long[] count = {0};
                    decoder.fillGap(wanted, (AVFrame frame, long i, long pts) -> {
                        double t = onFrameGrid(1_000_000L * pts * timeBaseNum / timeBaseDen / 1e6, fps);
                        count[0]++;
                        if (going[0] && t >= fromTime - 0.5 / fps) {
                            int k = (int) (offset + i);
                            pictures.next(frame);
                            going[0] = between.blendUpTo(gap, cursor, offset, k, t, pictures)
                                    && sink.frame(k, t, FramePictures.of(pictures));
                            between.decoded(k, t, pictures);
                        } else {
                            between.passOver(gap, cursor, offset, (int) (offset + i));
                        }
                    });
                    filled += count[0];
                    if (going[0] && count[0] > 0) {
                        pictures.next(picture.frame()); // the picture itself again: the gap's frames replaced it
                    }
                }
                if (going[0]) {
                    going[0] = between.blendUpTo(gap, cursor, offset, index, time, right);
                }
                blended += between.blended;
                if (!going[0]) {
                    break;
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

    /** True when a sampled analyser (or the score bug reader) looks at frame {@code index} of the source. */
    private static boolean due(long index, List<FrameAnalyser> analysers, int scoreStep) {
        if (scoreStep > 0 && index % scoreStep == 0) {
            return true;
        }
        for (FrameAnalyser analyser : analysers) {
            if (analyser.frameStep() > 1 && index % analyser.frameStep() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frames of one gap not decoded, fed as blends of the nearest decoded pictures either side, in display
     * order between the decoded ones.
     */
    private static final class Gap {
        private final Sink sink;
        private final TreeSet<Integer> scales;
        private Map<Integer, byte[]> left;
        private int leftIndex;
        private double leftTime;
        long blended;

        Gap(Sink sink, TreeSet<Integer> scales, Map<Integer, byte[]> left, int leftIndex, double leftTime) {
            this.sink = sink;
            this.scales = scales;
            this.left = left;
            this.leftIndex = leftIndex;
            this.leftTime = leftTime;
        }

        /** Blends the gap's frames from {@code cursor} on that come before {@code index}, the next decoded one. */
        boolean blendUpTo(long[] gap, int[] cursor, long offset, int index, double time, LumaPictures pictures) {
            Map<Integer, byte[]> right = new HashMap<>();
            boolean pending = cursor[0] < gap.length && offset + gap[cursor[0]] < index;
            if (pending) {
                for (int scale : scales) {
                    right.put(scale, pictures.picture(scale));
                }
            }
            return blendUpTo(gap, cursor, offset, index, time, right);
        }

        boolean blendUpTo(long[] gap, int[] cursor, long offset, int index, double time, Map<Integer, byte[]> right) {
            while (cursor[0] < gap.length && offset + gap[cursor[0]] <= index) {
                int k = (int) (offset + gap[cursor[0]++]);
                if (k == index || leftIndex < 0) {
                    continue; // decoded; or nothing decoded before it to blend from (the pass's first frames)
                }
                double share = (k - leftIndex) / (double) (index - leftIndex);
                Map<Integer, byte[]> blend = new HashMap<>();
                for (int scale : scales) {
                    blend.put(scale, blend(left.get(scale), right.get(scale), share));
                }
                blended++;
                if (!sink.frame(k, leftTime + share * (time - leftTime), blendOf(blend))) {
                    return false;
                }
            }
            return true;
        }

        /** The gap's frames up to {@code index} not fed (before the pass's start time after a seek). */
        void passOver(long[] gap, int[] cursor, long offset, int index) {
            while (cursor[0] < gap.length && offset + gap[cursor[0]] <= index) {
                cursor[0]++;
            }
        }

        /** A frame of the gap decoded: the left side of the blends after it. */
        void decoded(int index, double time, LumaPictures pictures) {
            Map<Integer, byte[]> copy = new HashMap<>();
            for (int scale : scales) {
                copy.put(scale, pictures.picture(scale).clone());
            }
            left = copy;
            leftIndex = index;
            leftTime = time;
        }
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
