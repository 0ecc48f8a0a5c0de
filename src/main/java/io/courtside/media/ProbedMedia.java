package io.courtside.media;

/**
 * What the probe found in a source before anything was decoded.
 *
 * @param format          the FFmpeg demuxer that reads it
 * @param durationSeconds the container's duration; 0 when it states none
 * @param width           of its video stream
 * @param height          of its video stream
 * @param frameRate       of its video stream; 0 when it states none
 * @param streams         streams in the container, of every kind
 */
public record ProbedMedia(String format, double durationSeconds, int width, int height, double frameRate,
                          int streams) {
}
