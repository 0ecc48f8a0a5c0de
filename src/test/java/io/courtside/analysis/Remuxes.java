package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;

/** Test inputs made from others by the FFmpeg CLI that JavaCV ships (remuxed, looped, other containers). */
public final class Remuxes {

    private Remuxes() {
    }

    /** Runs {@code ffmpeg -y ARGS OUT} (errors only on its output) and returns {@code out}. */
    public static Path ffmpeg(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-hide_banner",
                "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        command.add(out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return out;
    }

    /** {@code game} copied {@code times} times one after the other, not re-encoded (loop points, as e2e-bench's). */
    public static Path looped(Path game, Path out, int times, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-stream_loop", String.valueOf(times - 1), "-i", game.toString(),
                "-map", "0", "-c", "copy"));
        args.addAll(List.of(options));
        return ffmpeg(out, args.toArray(String[]::new));
    }
}
