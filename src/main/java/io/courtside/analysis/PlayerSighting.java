package io.courtside.analysis;

/**
 * A registered player's face seen in a sampled frame.
 *
 * @param name       the player's name as registered in FaceRegister
 * @param time       frame time, seconds
 * @param confidence 0.5 at the recognition threshold (courtside.analysis.face-max-distance), 1 for an exact match;
 *                   faces further than the threshold from every registered one are never named
 * @param x          left edge of the face, share of the frame width (0-1)
 * @param y          top edge, share of the frame height
 * @param width      face width, share of the frame width
 * @param height     face height, share of the frame height
 */
public record PlayerSighting(String name, double time, double confidence, double x, double y, double width,
                             double height) {
}
