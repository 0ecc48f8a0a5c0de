package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.MDC;

import io.courtside.media.NativeStallWatchdog;

import io.courtside.media.MediaInputs;
/**
 * The audio half of the analysis pass: its own grabber on the same local file (opened through
 * {@link MediaInputs}, like the video's), on its own thread, decoding only audio (video packets are dropped
 * undecoded) and feeding the audio analysers in order. It runs beside the video loop, so audio never waits on
 * video frames and the video loop decodes no audio. The grabber lives and dies on that thread; {@link #close()}
 * stops it and waits for it (a canceled or failed video pass leaves no thread behind); {@link #finish()} waits for
 * the end of the audio and rethrows its failure.
 */
final class AudioPass implements AutoCloseable {

    /** The thread's name, one per analysis pass. */
    static final String THREAD_NAME = "courtside-analysis-audio";

    private final Path video;
    private final List<AudioAnalyser> analysers;
    private final int sampleRate;
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    private final NativeStallWatchdog watchdog;

    private AudioPass(Path video, List<AudioAnalyser> analysers, int sampleRate, NativeStallWatchdog watchdog) {
        this.watchdog = watchdog;
        this.video = video;
        this.analysers = analysers;
        this.sampleRate = sampleRate;
        Map<String, String> mdc = MDC.getCopyOfContextMap(); // the job's log lines keep its JobId
        this.thread = new Thread(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (watchdog != null) {
                    watchdog.release();
                }
                MDC.clear();
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts decoding the audio of {@code video} into {@code analysers} ({@code sampleRate}: the source's); the
     * thread ticks {@code watchdog} (when not null) at every audio frame, so a native call that never returns on it
     * halts the worker as one on the job's thread does.
     */
    static AudioPass start(Path video, List<AudioAnalyser> analysers, int sampleRate, NativeStallWatchdog watchdog) {
        AudioPass pass = new AudioPass(video, analysers, sampleRate, watchdog);
        pass.thread.start();
        return pass;
    }

    private void run() throws FrameGrabber.Exception {
        tick();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(video)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW); // never converted: video is not decoded here
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.start();
            Frame frame;
            while (!stop && (frame = grabber.grabSamples()) != null) {
                tick();
                if (frame.samples != null && frame.audioChannels > 0) {
                    FloatBuffer samples = (FloatBuffer) frame.samples[0];
                    long first = Math.round(frame.timestamp * (double) sampleRate / 1e6);
                    for (AudioAnalyser analyser : analysers) {
                        analyser.samples(samples, frame.audioChannels, first);
                    }
                }
            }
        }
    }

    private void tick() {
        if (watchdog != null) {
            watchdog.tick();
        }
    }

    /** Waits until the whole audio has been measured; the audio decoder's failure is thrown here. */
    void finish() throws FrameGrabber.Exception {
        join();
        Throwable t = failure;
        if (t instanceof FrameGrabber.Exception e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new FrameGrabber.Exception("audio decoding failed: " + t.getMessage(), t);
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the grabber must be closed on its thread before this pass returns
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the audio (if still running) and waits for its thread, which closes its grabber. */
    @Override
    public void close() {
        stop = true;
        join();
    }
}
