package io.courtside.analysis;

/**
 * One appearance of a registered replay logo: a run of verified matches in consecutive sampled frames that moves
 * and scales as a wipe does, its colour agreeing with the logo's at the best match.
 *
 * @param start      first frame the logo was matched in, seconds
 * @param end        end of the last matched frame, seconds
 * @param peak       time of the appearance's largest strong match (scoring at least 0.9 of its best: the logo at
 *                   full size), seconds
 * @param logo       which registered logo (0-based, in registration order)
 * @param height     the logo's on-screen height at that match, share of the frame height
 * @param x          centre of the logo at that match, share of the frame width (0 left, 1 right)
 * @param y          centre of the logo at that match, share of the frame height (0 top, 1 bottom)
 * @param confidence 0-1: grey-level correlation, edge (shape) correlation, agreement of neighbouring scales and
 *                   persistence, combined (see ReplayLogoDetector); appearances below logo-min-confidence are not
 *                   reported
 */
public record LogoAppearance(double start, double end, double peak, int logo, double height, double x, double y,
                             double confidence) {

    public double middle() {
        return (start + end) / 2;
    }
}
