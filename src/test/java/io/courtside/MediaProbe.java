package io.courtside;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** What an output file holds, read with FFmpeg as a player would. */
public record MediaProbe(int width, int height, String videoCodec, String audioCodec, int sampleRate,
                         int audioChannels, double durationSeconds, double frameRate) {

    public static MediaProbe of(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return new MediaProbe(grabber.getImageWidth(), grabber.getImageHeight(),
                    avcodec.avcodec_get_name(grabber.getVideoCodec()).getString(),
                    grabber.getAudioChannels() > 0 ? avcodec.avcodec_get_name(grabber.getAudioCodec()).getString() : null,
                    grabber.getSampleRate(), grabber.getAudioChannels(),
                    grabber.getLengthInTime() / 1_000_000.0, grabber.getVideoFrameRate());
        }
    }
}
