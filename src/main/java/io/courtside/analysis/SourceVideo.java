package io.courtside.analysis;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import io.courtside.kernel.JobFailure;

/**
 * The source of one analysis pass (the whole game or one range of it), opened: its grabber, started, and the video
 * stream's picture size and frame rate, checked to be usable.
 */
record SourceVideo(FFmpegFrameGrabber grabber, Path path, int width, int height, double fps) {

    /** The started {@code grabber}'s video stream; fails CONTENT_BAD when it has no usable size or frame rate. */
    static SourceVideo of(FFmpegFrameGrabber grabber, Path video) {
        AVCodecParameters codec = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
        int width = codec.width();
        int height = codec.height();
        double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        if (width <= 0 || height <= 0 || !(fps > 0) || fps > 1000) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has a video stream without a usable size or frame rate (" + width + "x" + height + " @ "
                    + fps + " fps): upload an intact video file.");
        }
        return new SourceVideo(grabber, video, width, height, fps);
    }
}
