package io.courtside.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;

import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * Sends FFmpeg's own log lines (libx264 banners, decoder complaints) through JavaCPP's logger at
 * error level only; otherwise FFmpeg prints every encoder setting to stderr for every job.
 * JavaCPP's logger goes to SLF4J when the system property {@code org.bytedeco.javacpp.logger=slf4j} is set.
 */
public final class FFmpegLog {

    private static volatile boolean installed;

    private FFmpegLog() {
    }

    public static void install() {
        if (!installed) {
            synchronized (FFmpegLog.class) {
                if (!installed) {
                    FFmpegLogCallback.setLevel(AV_LOG_ERROR);
                    FFmpegLogCallback.set();
                    installed = true;
                }
            }
        }
    }
}
