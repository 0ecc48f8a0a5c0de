package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header reader finds the format and picture size of PNG, JPEG and WebP files as encoders write them. */
class ImageHeadersTest {

    @TempDir
    Path dir;

    @Test
    void formatsAndSizesAreReadFromTheHeadersOfRealFiles() throws Exception {
        try (Mat picture = new Mat(123, 321, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(10, 200, 30, 0))) {
            for (String extension : new String[] {"png", "jpg", "webp"}) {
                Path file = dir.resolve("picture." + extension);
                assertThat(opencv_imgcodecs.imwrite(file.toString(), picture)).isTrue();
                ImageHeaders.Header header = ImageHeaders.read(file);
                assertThat(header).as(extension).isNotNull();
                assertThat(header.width()).as(extension).isEqualTo(321);
                assertThat(header.height()).as(extension).isEqualTo(123);
            }
            Path lossless = dir.resolve("lossless.webp");
            opencv_imgcodecs.imwrite(lossless.toString(), picture,
                    new int[] {opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101});
            assertThat(ImageHeaders.read(lossless)).isEqualTo(new ImageHeaders.Header(ImageHeaders.Format.WEBP, 321, 123));
        }
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, RegistrationsTest.BOMB_PNG);
        assertThat(ImageHeaders.read(bomb)).isEqualTo(new ImageHeaders.Header(ImageHeaders.Format.PNG, 30_000, 30_000));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello, not an image");
        assertThat(ImageHeaders.read(text)).isNull();
        Path gif = dir.resolve("anim.gif");
        Files.writeString(gif, "GIF89a....................");
        assertThat(ImageHeaders.read(gif)).isNull();
    }
}
