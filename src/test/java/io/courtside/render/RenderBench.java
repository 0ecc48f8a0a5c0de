package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.courtside.BenchRuns;
import io.courtside.analysis.ActionTrack;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.CommentaryWriter;
import io.courtside.commentary.PhraseBooks;
import io.courtside.commentary.VoiceOver;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.JobSpec.NameTransfer;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * Renders one highlight plan from {@code IN.mp4} with Courtside and with the equivalent Debian ffmpeg CLI
 * filtergraph (same segments, each an input seeked by ffmpeg; same moving crop, same captions and title, same dips, same voice placement and
 * ducking, loudnorm, libx264 same preset/CRF/profile, AAC 128k, +faststart), in the same run:
 * {@code java ... io.courtside.render.RenderBench IN.mp4 OUTDIR [ffmpeg]}. Not a test: bench/render-bench.sh
 * runs it. Each side runs once to warm up (natives, JIT), then the two alternate, {@code -Dbench.runs} (at least
 * 3) timed runs each; min and median of each side, and the ratios at both, are printed.
 */
public final class RenderBench {

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String ffmpeg = args.length > 2 ? args[2] : "ffmpeg";
        Files.createDirectories(out);

        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(in, StageProgress.NONE);
        double fps = analysis.media().frameRate();
        double length = analysis.media().durationSeconds();
        List<Segment> segments = new ArrayList<>();
        int clips = 5;
        // -Dbench.clip-seconds: shorter clips for a quick check that the bench works (default 4 s, a 20 s output).
        double clip = Double.parseDouble(System.getProperty("bench.clip-seconds", "4.0"));
        for (int i = 0; i < clips; i++) {
            double start = Math.floor((i + 0.5) * (length - clip) / clips * fps) / fps;
            ClipEvents events = new ClipEvents(i == 3, i == 1 ? 9 : 1, 5, i == 2,
                    i == 4 ? List.of("haliburton") : List.of());
            segments.add(new Segment(start, start + clip, "bench", events));
        }
        HighlightPlan plan = new HighlightPlan(0, segments);
        CommentaryProperties props = CommentaryProperties.defaults();
        Commentary commentary = new CommentaryWriter(props, new PhraseBooks(props), null).write("bench", "basketball",
                List.of(new NameTransfer("Pacers", "Indiana Pacers"), new NameTransfer("Celtics", "Boston Celtics"),
                        new NameTransfer("haliburton", "Tyrese Haliburton")), List.of("haliburton"), plan, true);
        long tts = System.nanoTime();
        VoiceTrack voice = new VoiceOver(props).speak(commentary, plan.duration());
        System.out.printf(Locale.ROOT, "speech: %d lines in %.2f s (FreeTTS, before the render pass)%n",
                voice.clips().size(), (System.nanoTime() - tts) / 1e9);
        RenderSpec spec = new RenderSpec(1080, 1920, FitMode.CROP, "veryfast", 23,
                new RenderSpec.Look(0.05, 2.5, 0.3), RenderSpec.Mix.DEFAULT);
        double outFrames = RenderPlan.framesAt(plan.duration(), fps, true);

        HighlightRenderer renderer = new HighlightRenderer();
        List<String> command = cliCommand(ffmpeg, in, out, plan, spec, analysis, commentary, voice);
        Files.writeString(out.resolve("ffmpeg-command.txt"), String.join(" ", command.stream()
                .map(a -> a.contains(" ") || a.contains("'") || a.contains(";") ? "\"" + a + "\"" : a).toList()));
        String[] rss = {"unknown"};
        // One warm-up each (natives, JIT, page cache), then the two sides interleaved, -Dbench.runs (>= 3) each:
        // min against min and median against median, never one last run against another.
        BenchRuns courtside = new BenchRuns("courtside");
        BenchRuns cli = new BenchRuns("ffmpeg-cli");
        for (int run = 0; run <= BenchRuns.count(); run++) {
            long t0 = System.nanoTime();
            RenderedOutput r = renderer.render(in, plan, spec, analysis.action(), commentary, voice,
                    out.resolve("courtside.mp4"), StageProgress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "courtside run %d%s: %.1f s of %dx%d in %.2f s = %.1f fps%n", run,
                    run == 0 ? " (warm-up)" : "", r.durationSeconds(), r.width(), r.height(), seconds,
                    outFrames / seconds);
            if (run > 0) {
                courtside.add(seconds);
            }
            seconds = runCli(command, rss);
            System.out.printf(Locale.ROOT, "ffmpeg-cli run %d%s: in %.2f s = %.1f fps%n", run,
                    run == 0 ? " (warm-up)" : "", seconds, outFrames / seconds);
            if (run > 0) {
                cli.add(seconds);
            }
        }
        System.out.println("result: " + courtside.summary() + String.format(Locale.ROOT, ", %.1f fps at the minimum",
                outFrames / courtside.min()));
        System.out.println("result: " + cli.summary() + String.format(Locale.ROOT, ", %.1f fps at the minimum",
                outFrames / cli.min()));
        System.out.println("result: " + courtside.ratioTo(cli) + " (goal <= 1.1); peak RSS courtside JVM "
                + peakRss() + ", ffmpeg " + rss[0]);
    }

    private static double runCli(List<String> command, String[] rss) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("ffmpeg failed (" + exit + "):\n" + log);
        }
        var m = java.util.regex.Pattern.compile("maxrss=(\\d+)kB").matcher(log);
        if (m.find()) {
            rss[0] = (Long.parseLong(m.group(1)) / 1024) + " MB";
        }
        return seconds;
    }

    /** The same output as a Debian ffmpeg command: one filter_complex, the same encoder settings. */
    static List<String> cliCommand(String ffmpeg, Path in, Path out, HighlightPlan plan, RenderSpec spec,
                                   GameAnalysis analysis, Commentary commentary, VoiceTrack voice) throws IOException {
        double fps = analysis.media().frameRate();
        Fit fit = Fit.of(spec, analysis.media().width(), analysis.media().height(), 1);
        List<Double> bounds = RenderPlan.clipBounds(plan, fps);
        Captions captions = Captions.of(commentary, bounds, RenderPlan.clipSources(plan, fps), fit.width(),
                fit.height(), spec.look(), out.resolve("cli."));
        Path voiceWav = writeVoice(out.resolve("voice.wav"), voice, RenderPlan.framesAt(plan.duration(), fps,
                true) / fps);
        StringBuilder g = new StringBuilder();
        int n = plan.segments().size();
        double half = spec.look().transitionSeconds() / 2;
        ActionTrack action = analysis.action();
        for (int i = 0; i < n; i++) {
            Segment s = plan.segments().get(i);
            double d = bounds.get(i + 1) - bounds.get(i);
            g.append(String.format(Locale.ROOT, "[%d:v]setpts=PTS-STARTPTS,crop=%d:%d:x='%s':y=0", i,
                    fit.cropWidth(), fit.cropHeight(), cropExpression(fit, action, s.start(), d)));
            if (half > 0 && i > 0) {
                g.append(String.format(Locale.ROOT, ",fade=t=in:st=0:d=%.3f", half));
            }
            if (half > 0 && i < n - 1) {
                g.append(String.format(Locale.ROOT, ",fade=t=out:st=%.3f:d=%.3f", d - half, half));
            }
            g.append("[v").append(i).append("];");
            g.append(String.format(Locale.ROOT, "[%d:a]asetpts=PTS-STARTPTS,aresample=48000", i));
            if (half > 0 && i > 0) {
                g.append(String.format(Locale.ROOT, ",afade=t=in:st=0:d=%.3f", half));
            }
            if (half > 0 && i < n - 1) {
                g.append(String.format(Locale.ROOT, ",afade=t=out:st=%.3f:d=%.3f", d - half, half));
            }
            g.append("[a").append(i).append("];");
        }
        for (int i = 0; i < n; i++) {
            g.append("[v").append(i).append("][a").append(i).append(']');
        }
        g.append("concat=n=").append(n).append(":v=1:a=1[vc][ac];");
        g.append("[vc]").append(fit.filter()).append(captions.filter()).append("[vout];");
        g.append("[ac]volume='").append(duckExpression(voice, spec.mix().duckDb())).append("':eval=frame[duck];");
        g.append("[duck][").append(n).append(":a]amix=inputs=2:duration=first:normalize=0,");
        g.append(String.format(Locale.ROOT, "loudnorm=I=%.1f:TP=%.1f:LRA=11,aresample=48000[aout]",
                spec.mix().loudnessLufs(), spec.mix().truePeakDb()));
        int gop = (int) Math.round(2 * fps);
        // Each clip is its own input, seeked and limited by ffmpeg (accurate seek: decoded from the keyframe before,
        // frames before the start dropped), so the CLI decodes no more than the renderer does.
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostats", "-benchmark", "-y"));
        for (int i = 0; i < n; i++) {
            command.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", plan.segments().get(i).start()), "-t",
                    String.format(Locale.ROOT, "%.6f", bounds.get(i + 1) - bounds.get(i)), "-i", in.toString()));
        }
        command.addAll(List.of("-i", voiceWav.toString(), "-filter_complex", g.toString(), "-map", "[vout]", "-map", "[aout]",
                "-c:v", "libx264", "-preset", spec.x264Preset(), "-crf", Integer.toString(spec.crf()),
                "-profile:v", "high", "-x264-params", "8x8dct=1", "-pix_fmt", "yuv420p", "-g", Integer.toString(gop),
                "-r", String.format(Locale.ROOT, "%.6f", fps), "-c:a", "aac", "-b:a", "128k", "-ar", "48000",
                "-ac", "2", "-movflags", "+faststart", out.resolve("ffmpeg-cli.mp4").toString()));
        return command;
    }

    /** The crop's left edge over a segment (local time t), piecewise linear through the track every 0.2 s. */
    private static String cropExpression(Fit fit, ActionTrack action, double start, double d) {
        if (fit.cropWidth() == fit.sourceWidth()) {
            return "0";
        }
        double step = 0.2;
        StringBuilder e = new StringBuilder();
        int pieces = (int) Math.ceil(d / step);
        for (int k = 0; k < pieces; k++) {
            double t0 = k * step;
            int x0 = fit.cropX(action.centreX(start + t0));
            int x1 = fit.cropX(action.centreX(start + Math.min(d, t0 + step)));
            String piece = String.format(Locale.ROOT, "%d+%d*(t-%.2f)/%.2f", x0, x1 - x0, t0, step);
            if (k < pieces - 1) {
                e.append(String.format(Locale.ROOT, "if(lt(t\\,%.2f)\\,%s\\,", t0 + step, piece));
            } else {
                e.append(piece);
            }
        }
        e.append(")".repeat(Math.max(0, pieces - 1)));
        return e.toString();
    }

    /** The renderer's ducking envelope as a volume expression of t (per audio frame). */
    private static String duckExpression(VoiceTrack voice, double duckDb) {
        double duck = Math.pow(10, duckDb / 20);
        StringBuilder e = new StringBuilder("1");
        for (VoiceTrack.Clip c : voice.clips()) {
            double s = c.start() / 48_000.0;
            double end = c.end() / 48_000.0;
            // depth 0..1: ramps 0.15 s in, 0.35 s out
            e.append(String.format(Locale.ROOT, "*(1-(1-%.4f)*clip(min((t-%.4f)/0.15\\,1-(t-%.4f)/0.35)\\,0\\,1))",
                    duck, s - 0.15, end));
        }
        return e.toString();
    }

    private static Path writeVoice(Path file, VoiceTrack voice, double seconds) throws IOException {
        int samples = (int) Math.round(seconds * 48_000);
        float[] mono = new float[samples];
        for (VoiceTrack.Clip c : voice.clips()) {
            for (int i = 0; i < c.samples().length && c.start() + i < samples; i++) {
                mono[(int) (c.start() + i)] = c.samples()[i];
            }
        }
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(48_000).putInt(96_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (float v : mono) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        return Files.write(file, b.array());
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7))
                .findFirst().orElse("unknown");
    }
}
