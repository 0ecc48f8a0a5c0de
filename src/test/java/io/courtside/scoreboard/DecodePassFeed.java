package io.courtside.scoreboard;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** What the decode pass feeds a score bug reader: every frame-step-th frame's full grey picture and its overview. */
final class DecodePassFeed {

    static final int OVERVIEW_WIDTH = 256;
    static final int OVERVIEW_HEIGHT = 144;

    /** One sample: its time, the full grey picture (valid during the call only) and its 4x-small overview. */
    interface Sample {
        void take(double time, Mat grey, byte[] overview);
    }

    private DecodePassFeed() {
    }

    static void feed(Path video, int frameStep, Sample sample) throws Exception {
        byte[] overview = new byte[OVERVIEW_WIDTH * OVERVIEW_HEIGHT];
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             Mat small = new Mat();
             Size size = new Size(OVERVIEW_WIDTH, OVERVIEW_HEIGHT)) {
            grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
            grabber.start();
            int index = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (index % frameStep == 0) {
                    Mat grey = converter.convert(frame);
                    resize(grey, small, size, 0, 0, INTER_AREA);
                    small.data().get(overview);
                    sample.take(index / grabber.getFrameRate(), grey, overview.clone());
                }
                index++;
            }
            grabber.stop();
        }
    }
}
