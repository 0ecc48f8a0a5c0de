package io.courtside.analysis;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logo search's hits chained into verified appearances ({@link ReplayLogoDetector} finds the hits). Hits
 * chain into an appearance only across consecutive sampled frames, moving and scaling as a wipe does (the centre
 * moves less than the logo's size, the size changes less than 1.7x a step) and must grow, shrink, fade or travel
 * against the picture around it (a wipe moves on its own; a match that stays put, or moves as its surroundings do,
 * is something printed in the scene: court paint, the logo on an LED board under a panning camera; a step onto
 * something else that was already in the picture, the matched content changing across it, is no motion of the
 * logo: {@link #carried}); an appearance needs {@code logo-min-hits} hits and lasts at most
 * {@code logo-max-appearance-seconds} (longer is a permanent overlay). Its confidence combines the template score,
 * the shape score, the neighbouring sizes' agreement and the chain's length ({@link #confidence}); appearances
 * under {@code logo-min-confidence} are dropped.
 */
final class LogoChains {

    private static final Logger log = LoggerFactory.getLogger(LogoChains.class);
    /** An appearance must grow or shrink by this factor, or travel this share of its size: a wipe moves. */
    private static final double WIPE_MIN_GROWTH = 1.25;
    private static final double WIPE_MIN_TRAVEL = 0.25;
    /** A hit scoring at least this share of its appearance's best is strong (its size can be the appearance's). */
    private static final double STRONG_SHARE = 0.9;
    /** Consecutive hits of one appearance: centre moves less than this share of the size, size changes < 1.7x. */
    static final double WIPE_MAX_STEP = 1.0;
    private static final double WIPE_MAX_GROWTH = 1.7;
    /** A frame changing this many times the median change around it, and at least CUT_MIN_CHANGE, is a cut. */
    private static final double CUT_FACTOR = 4;
    private static final double CUT_MIN_CHANGE = 12;
    /** Travel against the scene (share of the logo's size) a wipe that does not grow must reach. */
    private static final double WIPE_MIN_RELATIVE_TRAVEL = 0.4;
    /**
     * A chain fades in (or out) when its logo's contrast rises by this factor over its first consecutive hits (falls
     * as much over its last) more than the picture around it does, each step keeping the matched content (windows
     * correlating at FADE_MIN_KEPT) and not falling under FADE_STEP_SLACK of the step before (noise).
     */
    private static final double FADE_MIN_RISE = 1.4;
    private static final double FADE_MIN_KEPT = 0.7;
    private static final double FADE_STEP_SLACK = 0.9;
    /**
     * Fade evidence from the sampled pictures beside a chain (see {@link #fadesFromNothing}): the logo's strength at
     * the chain's place in the sample just before its first hit (or just after its last) is at most EMPTY_SHARE of
     * the hit's, the picture around it keeping SURROUND_KEPT of its contrast, and the hits' own strength still rises
     * (or falls) by SEEN_MIN_RISE over the chain's end: the logo came from nothing gradually, not in one step.
     */
    static final double EMPTY_SHARE = 0.35;
    private static final double SURROUND_KEPT = 0.7;
    private static final double SEEN_MIN_RISE = 1.1;
    /**
     * Slide evidence from the sampled pictures beside a chain (see {@link #slidesFromNothing}): where the logo did
     * not show at the chain's place, it showed displaced by WIPE_MIN_TRAVEL of its size or more, at least
     * SLID_MIN_SHARE of the hit's strength (still fading in).
     */
    private static final double SLID_MIN_SHARE = 0.5;

    /**
     * One verified-or-not match of one logo in one sampled frame; {@code sceneVx, sceneVy}: how fast the picture
     * around it moves (fine pixels a second, NaN when its surroundings are too flat to tell).
     */
    record Hit(double time, int logo, double score, double shape, boolean agree, double height, double x,
               double y, double sceneVx, double sceneVy, byte[] patch, double before, double contrast,
               double surround, Beside prior, Beside after) {

        /**
         * A hit without its contrasts ({@code contrast}: how strongly the matched window shows the logo, the slope of
         * its grey levels on the template's, about the logo's opacity; {@code surround}: the grey-level standard
         * deviation of the picture just around it; see {@link #fades}) and without the pictures beside it measured
         * ({@code prior}, {@code after}: see {@link Beside}), for tests of the tracking.
         */
        Hit(double time, int logo, double score, double shape, boolean agree, double height, double x, double y,
            double sceneVx, double sceneVy, byte[] patch, double before) {
            this(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, patch, before, Double.NaN,
                    Double.NaN, Beside.UNKNOWN, Beside.UNKNOWN);
        }

        /**
         * A hit without its content ({@code patch}: the matched window at LogoTemplates.PATCH_SIDE pixels square;
         * {@code before}: how it correlates with what the previous sampled picture showed at its place, see
         * ReplayLogoDetector's {@code before}).
         */
        Hit(double time, int logo, double score, double shape, boolean agree, double height, double x, double y,
            double sceneVx, double sceneVy) {
            this(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, null, Double.NaN);
        }

        boolean sceneKnown() {
            return !Double.isNaN(sceneVx);
        }

        Hit withAfter(Beside measured) {
            return new Hit(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, patch, before, contrast,
                    surround, prior, measured);
        }
    }

    /**
     * The logo's strength at a hit's place (its size and template; the scene's motion taken out) in the sampled
     * picture just before or just after the hit's: {@code contrast} as {@link Hit#contrast} measures it (0 when the
     * template does not correlate there), {@code surround} as {@link Hit#surround}; NaN when not measured (no such
     * picture, the place outside it). A logo fading or wiping in was not there a sample before; something printed
     * in the scene was. Where the logo does not show at that place, and the scene's motion there is known, the
     * picture is also searched within a logo's size around it ({@code shiftX, shiftY}, {@code shifted}): a logo
     * sliding in shows there, displaced along its slide (see {@link #slidesFromNothing}).
     */
    record Beside(double contrast, double surround, double shiftX, double shiftY, double shifted) {
        static final Beside UNKNOWN = new Beside(Double.NaN, Double.NaN);

        /** Not searched around (see below). */
        Beside(double contrast, double surround) {
            this(contrast, surround, Double.NaN, Double.NaN, Double.NaN);
        }

        /** How far from the measured place the logo showed best (fine pixels), NaN when not searched or found. */
        double shift() {
            return Math.hypot(shiftX, shiftY);
        }

        boolean known() {
            return !Double.isNaN(contrast) && !Double.isNaN(surround);
        }

        /**
         * The same measurement and where the logo shows best within a logo's size around that place ({@code
         * shiftX, shiftY}: from the place to there, fine pixels; {@code shifted}: its strength there; NaN when not
         * searched or not found).
         */
        Beside around(double[] near, double fromX, double fromY) {
            return near == null ? this : new Beside(contrast, surround, near[1] - fromX, near[2] - fromY, near[0]);
        }
    }

    private final AnalysisProperties properties;
    private final int fineW;
    private final int fineH;
    private final double frameSeconds;
    private final FrameChanges changes;
    private final List<boolean[]> patchMasks;

    /**
     * {@code fineW, fineH}: the fine picture the hits were matched on; {@code frameSeconds}: the time between
     * sampled frames; {@code changes}: the per-frame changes, where cuts are looked for; {@code patchMasks}: per
     * logo, the opaque part of a hit's patch (null: all of it).
     */
    LogoChains(AnalysisProperties properties, int fineW, int fineH, double frameSeconds, FrameChanges changes,
               List<boolean[]> patchMasks) {
        this.properties = properties;
        this.fineW = fineW;
        this.fineH = fineH;
        this.frameSeconds = frameSeconds;
        this.changes = changes;
        this.patchMasks = patchMasks;
    }

    /**
     * The verified logo appearances, in time order: hits of one logo chained over consecutive sampled frames while
     * they move and scale as a wipe does, at least logo-min-hits of them, no longer than
     * logo-max-appearance-seconds, with a confidence of at least logo-min-confidence.
     */
    List<LogoAppearance> appearances(List<Hit> hits) {
        double gap = Math.max(properties.logoMaxGapSeconds(), 1.5 * frameSeconds);
        List<LogoAppearance> found = new ArrayList<>();
        List<List<Hit>> open = new ArrayList<>();
        // One sampled frame at a time: its hits (a logo and clutter near it) go to the open tracks nearest first, one
        // hit per track, so a clutter hit listed first cannot take the track and cut the logo's own tail off it.
        for (int from = 0; from < hits.size(); ) {
            int to = from;
            while (to < hits.size() && hits.get(to).time() == hits.get(from).time()) {
                to++;
            }
            double now = hits.get(from).time();
            // close the tracks this frame's time has left behind
            for (java.util.Iterator<List<Hit>> it = open.iterator(); it.hasNext(); ) {
                List<Hit> track = it.next();
                if (now - track.get(track.size() - 1).time() > gap) {
                    addAppearance(track, found);
                    it.remove();
                }
            }
            List<double[]> pairs = new ArrayList<>(); // {distance, hit index, track index}
            for (int h = from; h < to; h++) {
                Hit hit = hits.get(h);
                for (int k = 0; k < open.size(); k++) {
                    Hit last = open.get(k).get(open.get(k).size() - 1);
                    if (last.logo() == hit.logo() && last.time() < hit.time() && continues(last, hit, gap)) {
                        pairs.add(new double[] {Math.hypot(hit.x() - last.x(), hit.y() - last.y()), h, k});
                    }
                }
            }
            pairs.sort(java.util.Comparator.comparingDouble(pair -> pair[0]));
            boolean[] placed = new boolean[to - from];
            boolean[] extended = new boolean[open.size()];
            for (double[] pair : pairs) {
                int h = (int) pair[1];
                int k = (int) pair[2];
                if (!placed[h - from] && !extended[k]) {
                    open.get(k).add(hits.get(h));
                    placed[h - from] = true;
                    extended[k] = true;
                }
            }
            for (int h = from; h < to; h++) {
                if (!placed[h - from]) {
                    List<Hit> track = new ArrayList<>();
                    track.add(hits.get(h));
                    open.add(track);
                }
            }
            from = to;
        }
        open.forEach(track -> addAppearance(track, found));
        found.sort(java.util.Comparator.comparingDouble(LogoAppearance::start));
        return List.copyOf(found);
    }

    /** Whether {@code next} continues the wipe {@code last} is part of. */
    private boolean continues(Hit last, Hit next, double gap) {
        if (next.time() - last.time() > gap) {
            return false;
        }
        double size = Math.max(last.height(), next.height()) * fineH;
        double moved = Math.hypot((next.x() - last.x()) * fineW, (next.y() - last.y()) * fineH);
        double growth = Math.max(last.height(), next.height()) / Math.min(last.height(), next.height());
        return moved <= WIPE_MAX_STEP * size + 2 && growth <= WIPE_MAX_GROWTH;
    }

    private void addAppearance(List<Hit> chain, List<LogoAppearance> found) {
        if (chain.size() < properties.logoMinHits()) {
            return;
        }
        double start = chain.get(0).time();
        double end = chain.get(chain.size() - 1).time() + frameSeconds;
        if (end - start > properties.logoMaxAppearanceSeconds()) {
            return;
        }
        Hit peak = largestStrong(chain);
        boolean wipes = wipes(chain);
        double confidence = confidence(chain);
        if (log.isDebugEnabled()) {
            log.debug("logo {} hits {}-{} s: {} ({})", chain.get(0).logo(), String.format("%.2f", start),
                    String.format("%.2f", end), describe(chain), !wipes ? "dropped: no wipe"
                            : confidence < properties.logoMinConfidence() ? "dropped: confidence" : "kept");
        }
        if (!wipes) {
            return; // a match that neither grows, shrinks nor moves is something printed in the picture
        }
        if (confidence < properties.logoMinConfidence()) {
            return;
        }
        found.add(new LogoAppearance(start, end, peak.time(), peak.logo(), peak.height(), peak.x(), peak.y(),
                confidence));
    }

    /** A chain's hits and the figures its rules judge, for the debug log (why an appearance was or was not kept). */
    private String describe(List<Hit> chain) {
        StringBuilder b = new StringBuilder();
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(0) * fineH;
        double[][] path = carriedPath(chain);
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        b.append(String.format("confidence %.3f growth %.2f (carried %.2f) fade %.2f/%.2f beside %.2f/%.1f, %.2f/%.1f"
                        + " shown beside %.2f@%.2f/%.2f@%.2f (slides: %s) travel %.2f (carried %.2f)"
                        + " against the scene %.2f (shares of the size); hits [score/shape/agree height x,y"
                        + " contrast/around kept/before]:", confidence(chain), growth(chain), carriedGrowth(chain),
                fadeRise(chain), fadeRise(backwards(chain)), first.prior().contrast(), first.prior().surround(),
                last.after().contrast(), last.after().surround(), first.prior().shifted(), first.prior().shift() / high,
                last.after().shifted(), last.after().shift() / high, slidesFromNothing(chain) ? "y" : "n",
                travel(chain) / high, travel(path) / high,
                relativeTravel(chain, path) / high));
        for (int i = 0; i < chain.size(); i++) {
            Hit h = chain.get(i);
            b.append(String.format(" %.2f/%.2f/%s %.3f %.3f,%.3f %.2f/%.1f", h.score(), h.shape(),
                    h.agree() ? "y" : "n", h.height(), h.x(), h.y(), h.contrast(), h.surround()));
            if (i > 0) {
                b.append(String.format(" %.2f/%.2f", contentKept(chain.get(i - 1), h), h.before()));
            }
        }
        return b.toString();
    }

    /**
     * The hit an appearance reports (time, size, place): the largest of its strong hits (scoring at least
     * STRONG_SHARE of the best), the logo at full size; a wipe's first hits show it still small, and one weak
     * match at a large size (clutter around the logo) is not its size.
     */
    private static Hit largestStrong(List<Hit> chain) {
        double best = chain.stream().mapToDouble(Hit::score).max().orElse(0);
        Hit largest = null;
        for (Hit h : chain) {
            if (h.score() >= STRONG_SHARE * best && (largest == null || h.height() > largest.height()
                    || (h.height() == largest.height() && h.score() > largest.score()))) {
                largest = h;
            }
        }
        return largest;
    }

    /**
     * Whether the chain moves as a wipe: its size changes by WIPE_MIN_GROWTH, or its centre travels WIPE_MIN_TRAVEL
     * of its size on screen and, where the scene under it could be followed, WIPE_MIN_RELATIVE_TRAVEL against it.
     * Something printed in the picture (a look-alike on a scrolling ad board, court paint under a panning camera)
     * travels with its surroundings; an overlay that stays put while the camera pans (a channel or sponsor graphic)
     * moves against the scene but not on screen: neither is a wipe. And motion only at a cut is none: a graphic
     * still in one shot and still at another place in the next is two graphics, not one logo wiping
     * ({@link #stillOnEachSideOfACut}), unless the logo was seen sliding in just before the chain (or out just
     * after it) with no cut between ({@link #slidesFromNothing}): a wipe over a cut stays put while it covers it.
     */
    private boolean wipes(List<Hit> chain) {
        if (slidesFromNothing(chain)) {
            return true; // a slide seen beside the chain, no cut between: a wipe covering a cut keeps still over it
        }
        if (stillOnEachSideOfACut(chain)) {
            return false;
        }
        if (carriedGrowth(chain) >= WIPE_MIN_GROWTH || fades(chain) || fadesFromNothing(chain)) {
            return true;
        }
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(0);
        double[][] path = carriedPath(chain);
        if (travel(path) < WIPE_MIN_TRAVEL * high * fineH) {
            return false; // still on screen: an overlay, over a still or a panning picture
        }
        long known = chain.stream().filter(Hit::sceneKnown).count();
        return known * 2 < chain.size() || relativeTravel(chain, path) >= WIPE_MIN_RELATIVE_TRAVEL * high * fineH;
    }

    /**
     * Whether the step from {@code last} to {@code next} carried the matched content along: the window matched
     * after it looks more like the one matched before it than like what the picture showed at its new place
     * before (a wipe brings the logo's pixels to the new place; a match that moves onto something else beside it,
     * printed in the scene, finds that something there already, and its content changed). True when either is
     * unknown (a hit without content, a place outside the previous picture).
     */
    boolean carried(Hit last, Hit next) {
        double kept = contentKept(last, next);
        return Double.isNaN(kept) || Double.isNaN(next.before()) || kept > next.before();
    }

    /**
     * Correlation of two hits' matched windows (their patches, over the logo's opaque part): how alike what they
     * show is. NaN when a hit has no patch or one is flat.
     */
    double contentKept(Hit a, Hit b) {
        if (a.patch() == null || b.patch() == null) {
            return Double.NaN;
        }
        boolean[] mask = a.logo() < patchMasks.size() ? patchMasks.get(a.logo()) : null;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int i = 0; i < a.patch().length; i++) {
            if (mask != null && !mask[i]) {
                continue;
            }
            double u = a.patch()[i] & 0xff;
            double v = b.patch()[i] & 0xff;
            sa += u;
            sb += v;
            saa += u * u;
            sbb += v * v;
            sab += u * v;
            n++;
        }
        double va = saa - sa * sa / Math.max(1, n);
        double vb = sbb - sb * sb / Math.max(1, n);
        if (n < 4 || va < n || vb < n) {
            return Double.NaN;
        }
        return (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /**
     * The hits' centres in fine pixels ({x[], y[]}) as far as the logo itself moved: a step that did not carry the
     * matched content along ({@link #carried}) moves as the scene under it did (the match is something in the
     * scene), not by its own displacement.
     */
    private double[][] carriedPath(List<Hit> chain) {
        int n = chain.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double vx = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        x[0] = chain.get(0).x() * fineW;
        y[0] = chain.get(0).y() * fineH;
        for (int i = 1; i < n; i++) {
            Hit last = chain.get(i - 1);
            Hit h = chain.get(i);
            if (carried(last, h)) {
                x[i] = x[i - 1] + (h.x() - last.x()) * fineW;
                y[i] = y[i - 1] + (h.y() - last.y()) * fineH;
            } else {
                double dt = h.time() - last.time();
                x[i] = x[i - 1] + (h.sceneKnown() ? h.sceneVx() : vx) * dt;
                y[i] = y[i - 1] + (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            }
        }
        return new double[][] {x, y};
    }

    /** The largest distance (fine pixels) a path's point gets from its first. */
    private static double travel(double[][] path) {
        double travel = 0;
        for (int i = 0; i < path[0].length; i++) {
            travel = Math.max(travel, Math.hypot(path[0][i] - path[0][0], path[1][i] - path[1][0]));
        }
        return travel;
    }

    /**
     * How much the logo itself grew or shrank along the chain: the size changes of the steps that carried the
     * matched content along ({@link #carried}) only; a match that steps onto a larger or smaller something already
     * in the picture (clutter matching at a neighbouring size) did not scale.
     */
    private double carriedGrowth(List<Hit> chain) {
        double size = 1;
        double low = 1;
        double high = 1;
        for (int i = 1; i < chain.size(); i++) {
            Hit last = chain.get(i - 1);
            Hit h = chain.get(i);
            if (carried(last, h)) {
                size *= h.height() / last.height();
                low = Math.min(low, size);
                high = Math.max(high, size);
            }
        }
        return high / low;
    }

    /**
     * Whether the chain fades in or out as a logo laid over the picture does: its contrast ({@link Hit#contrast},
     * about its opacity) rises by FADE_MIN_RISE from its first hit over the consecutive hits after it (or from its
     * last hit back), more than the picture around it gains contrast (a fade from black, a dissolve), each step
     * keeping the matched content. Opacity rising at one place is a wipe as a slide is: something printed in the
     * scene keeps its contrast as the picture around it does.
     */
    boolean fades(List<Hit> chain) {
        return fadeRise(chain) >= FADE_MIN_RISE || fadeRise(backwards(chain)) >= FADE_MIN_RISE;
    }

    /**
     * Whether the chain fades in from nothing (or out to nothing), as seen from the sampled picture beside it: just
     * before its first hit the logo's strength at that place was at most EMPTY_SHARE of the first hit's (just after
     * its last, of the last's), the picture around it keeping its contrast (no fade of the whole picture) and no cut
     * between, and the hits' strength still rises by SEEN_MIN_RISE after the first (falls before the last): a fade
     * seen over three samples or more, though its first hit already came at 60-70 % opacity. Something printed in
     * the scene was there a sample before, as strong; a graphic that pops on at full strength does not rise.
     */
    boolean fadesFromNothing(List<Hit> chain) {
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        return (fromNothing(first, first.prior(), first.time() - frameSeconds) && fadeRise(chain) >= SEEN_MIN_RISE)
                || (fromNothing(last, last.after(), last.time() + frameSeconds)
                && fadeRise(backwards(chain)) >= SEEN_MIN_RISE);
    }

    /**
     * Whether the chain slides in from nothing (or out to nothing), as seen from the sampled picture beside it: just
     * before its first hit the logo did not show at that place in the scene ({@link #fromNothing}) but showed
     * within a logo's size of it, at least WIPE_MIN_TRAVEL of its size away and SLID_MIN_SHARE as strong (just
     * after its last, likewise): a slide whose motion fell mostly before the first hit (the logo fading in while it
     * slides, matched only once nearly in place). The place is followed with the scene's motion and searched only
     * where that is known: something printed in a panned picture is found where the pan took it, at no distance.
     */
    boolean slidesFromNothing(List<Hit> chain) {
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        return (fromNothing(first, first.prior(), first.time() - frameSeconds) && slid(chain, first.prior()))
                || (fromNothing(last, last.after(), last.time() + frameSeconds)
                        && slid(backwards(chain), last.after()));
    }

    /**
     * Whether the logo travelled WIPE_MIN_TRAVEL of its size or more against the scene from where {@code beside}
     * (the picture beside the first hit of {@code run}) showed it, SLID_MIN_SHARE as strong as that hit, to the
     * hits of {@code run}: the slide seen before the chain and the part of it the chain still shows.
     */
    private boolean slid(List<Hit> run, Beside beside) {
        Hit first = run.get(0);
        if (!(beside.shifted() >= SLID_MIN_SHARE * first.contrast())) {
            return false;
        }
        double[][] path = carriedPath(run);
        double vx = run.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = run.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        double sx = 0; // the scene's motion since the first hit
        double sy = 0;
        double most = beside.shift();
        for (int i = 1; i < run.size(); i++) {
            Hit h = run.get(i);
            double dt = h.time() - run.get(i - 1).time(); // negative along a run backwards, as the path is
            sx += (h.sceneKnown() ? h.sceneVx() : vx) * dt;
            sy += (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            most = Math.max(most, Math.hypot(path[0][i] - path[0][0] - sx - beside.shiftX(),
                    path[1][i] - path[1][0] - sy - beside.shiftY()));
        }
        return most >= WIPE_MIN_TRAVEL * first.height() * fineH;
    }

    /** Whether the picture {@code beside} (at {@code besideTime}) shows no logo where {@code hit} matched it. */
    private boolean fromNothing(Hit hit, Beside beside, double besideTime) {
        if (!beside.known() || !(hit.contrast() > 0) || !(hit.surround() > 0)) {
            return false;
        }
        if (!Double.isNaN(cutWithin(Math.min(hit.time(), besideTime), Math.max(hit.time(), besideTime)))) {
            return false; // another shot: what it showed there says nothing about the logo
        }
        return beside.contrast() <= EMPTY_SHARE * hit.contrast()
                && beside.surround() >= SURROUND_KEPT * hit.surround();
    }

    private static List<Hit> backwards(List<Hit> chain) {
        List<Hit> out = new ArrayList<>(chain);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The contrast rise from the first hit of {@code run} (see {@link #fades}), 1 when none can be measured. */
    private double fadeRise(List<Hit> run) {
        Hit first = run.get(0);
        if (!(first.contrast() > 0)) {
            return 1;
        }
        double rise = 1;
        for (int i = 1; i < run.size(); i++) {
            Hit last = run.get(i - 1);
            Hit h = run.get(i);
            if (!(contentKept(last, h) >= FADE_MIN_KEPT) || !(h.contrast() >= FADE_STEP_SLACK * last.contrast())) {
                break;
            }
            double scene = h.surround() / first.surround();
            rise = Math.max(rise, h.contrast() / first.contrast() / (scene > 1 ? scene : 1));
        }
        return rise;
    }

    private static double growth(List<Hit> chain) {
        double low = chain.stream().mapToDouble(Hit::height).min().orElse(1);
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(1);
        return high / low;
    }

    /** The largest distance (fine pixels) a hit's centre gets from the chain's first. */
    private double travel(List<Hit> chain) {
        Hit first = chain.get(0);
        double travel = 0;
        for (Hit h : chain) {
            travel = Math.max(travel, Math.hypot((h.x() - first.x()) * fineW, (h.y() - first.y()) * fineH));
        }
        return travel;
    }

    /**
     * Whether the chain spans a cut (a frame whose change is CUT_FACTOR times the median change around it and at
     * least CUT_MIN_CHANGE grey levels) with at least two hits on each side and is still on each side (size within
     * WIPE_MIN_GROWTH, travel under WIPE_MIN_TRAVEL of the size): all its motion is the jump at the cut, so it is a
     * graphic that stays over the cut (or two look-alikes, one per shot), not a wipe, which moves while it covers
     * the cut.
     */
    private boolean stillOnEachSideOfACut(List<Hit> chain) {
        double cut = cutWithin(chain.get(0).time(), chain.get(chain.size() - 1).time());
        if (Double.isNaN(cut)) {
            return false;
        }
        List<Hit> before = chain.stream().filter(h -> h.time() < cut).toList();
        List<Hit> after = chain.stream().filter(h -> h.time() >= cut).toList();
        return before.size() >= 2 && after.size() >= 2 && still(before) && still(after);
    }

    private boolean still(List<Hit> hits) {
        double high = hits.stream().mapToDouble(Hit::height).max().orElse(0);
        return growth(hits) < WIPE_MIN_GROWTH && travel(hits) < WIPE_MIN_TRAVEL * high * fineH;
    }

    /** The time of the strongest cut in (from, to], or NaN when there is none (see stillOnEachSideOfACut). */
    private double cutWithin(double from, double to) {
        double[] around = changes.diffs(from - 0.5, to + 0.5);
        double typical = ReplayPairing.median(around);
        double best = Double.NaN;
        double strongest = 0;
        for (int i = changes.indexAfter(from); i < changes.count() && changes.time(i) <= to; i++) {
            double d = changes.diff(i);
            if (d >= CUT_MIN_CHANGE && d >= CUT_FACTOR * typical && d > strongest) {
                strongest = d;
                best = changes.time(i);
            }
        }
        return best;
    }

    /**
     * The largest distance (fine pixels) the chain's centre gets from where the scene under its first hit went:
     * the chain's own displacement minus the scene's, integrated from the hits' scene velocities (a hit whose
     * surroundings could not be followed takes the mean of the others').
     */
    private static double relativeTravel(List<Hit> chain, double[][] path) {
        double vx = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        double sx = 0;
        double sy = 0;
        double most = 0;
        for (int i = 1; i < chain.size(); i++) {
            Hit h = chain.get(i);
            double dt = h.time() - chain.get(i - 1).time();
            sx += (h.sceneKnown() ? h.sceneVx() : vx) * dt;
            sy += (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            most = Math.max(most, Math.hypot(path[0][i] - path[0][0] - sx, path[1][i] - path[1][0] - sy));
        }
        return most;
    }

    /**
     * Confidence of an appearance, 0-1: 0.55 for the grey-level correlation (mean of the best three hits, from
     * logo-min-score to 0.9), 0.2 for the shape (mean of the best three edge correlations, 0 to 0.6), 0.1 for the
     * share of hits whose neighbouring sizes agree, 0.15 for persistence (hits up to twice logo-min-hits). Weighed
     * on the cluttered real scenes (ClutteredReplayTest, bench/replay-bench.sh): clutter that passes every gate
     * (a panned photograph, a crowd) scores 0.60-0.65 in grey levels and lands under 0.55; the logo, even small
     * and at 70 % opacity, scores 0.75-0.95 and lands over 0.6.
     */
    private double confidence(List<Hit> chain) {
        double[] scores = chain.stream().mapToDouble(Hit::score).sorted().toArray();
        double[] shapes = chain.stream().mapToDouble(Hit::shape).sorted().toArray();
        double score = meanOfTop(scores, 3);
        double shape = meanOfTop(shapes, 3);
        double agree = chain.stream().filter(Hit::agree).count() / (double) chain.size();
        double persistence = Math.min(1, chain.size() / (2.0 * properties.logoMinHits()));
        double min = properties.logoMinScore();
        return 0.55 * clamp((score - min) / Math.max(1e-6, 0.9 - min)) + 0.2 * clamp(shape / 0.6)
                + 0.1 * agree + 0.15 * persistence;
    }

    private static double meanOfTop(double[] sorted, int k) {
        int n = Math.min(k, sorted.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[sorted.length - 1 - i];
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
