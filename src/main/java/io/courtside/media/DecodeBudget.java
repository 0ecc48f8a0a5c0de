package io.courtside.media;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Bounds the wall time of a decode pass (analysis, one render) by the media it covers: at most
 * {@code decode-time-factor} times its duration plus {@code decode-time-grace}. The pass's progress calls (every
 * frame or every half second of media) check the clock, so a source that decodes absurdly slowly, or loops,
 * ends the job with {@code Media.DecodeTimeout} instead of holding the worker.
 */
@Component
public class DecodeBudget {

    public static final String DECODE_TIMEOUT = "Media.DecodeTimeout";

    private final MediaProperties limits;
    private final NativeStallWatchdog watchdog;

    public DecodeBudget(MediaProperties limits, NativeStallWatchdog watchdog) {
        this.limits = limits;
        this.watchdog = watchdog;
    }

    /** {@code progress} that also fails the job once decoding {@code mediaSeconds} has run past its budget. */
    public StageProgress bound(StageProgress progress, double mediaSeconds) {
        double seconds = (mediaSeconds > 0 ? mediaSeconds : limits.maxDuration().toSeconds()) * limits.decodeTimeFactor()
                + limits.decodeTimeGrace().toMillis() / 1000.0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        watchdog.tick();
        return fraction -> {
            watchdog.tick();
            if (System.nanoTime() - deadline > 0) {
                throw new JobFailure(DECODE_TIMEOUT, String.format(Locale.ROOT,
                        "Decoding the source took longer than %.0f s, %.0f times its %.1f s plus %d s "
                                + "(courtside.media.decode-time-factor, decode-time-grace): the file decodes "
                                + "abnormally slowly; re-encode it (H.264/AAC MP4) and submit again.", seconds,
                        limits.decodeTimeFactor(), mediaSeconds, limits.decodeTimeGrace().toSeconds()));
            }
            progress.report(fraction);
        };
    }
}
