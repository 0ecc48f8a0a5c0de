package io.courtside.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.CommentaryWriter;
import io.courtside.commentary.PhraseBooks;
import io.courtside.config.CourtsideProperties;
import io.courtside.kernel.FitMode;
import io.courtside.kernel.JobSpec;
import io.courtside.kernel.RenderSpec;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.ScoreWeights;
import io.courtside.selection.Segment;
import io.courtside.selection.SegmentSelector;
import io.courtside.selection.SportProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line telling a basket is never captioned (nor spoken) before the score shows it: a generated broadcast whose
 * score bug changes at known times, analysed for real (the bug read by OCR), cut into a highlight whose clips run
 * several seconds before each basket; the WebVTT cue of each scoring line starts at the frame of the change (the
 * same frame Courtside's score graphic switches on), the other lines fill the clip before it, none overlaps.
 */
class ScoreCaptionTimingTest {

    static final double FPS = 25;
    /** SA left, OKC right: OKC +2, SA +3 (lead change), OKC +3 (lead change). */
    static final List<Change> BASKETS = List.of(new Change(0, 30, 30), new Change(7.3, 30, 32),
            new Change(15.6, 33, 32), new Change(23.2, 33, 35));
    static final List<JobSpec.NameTransfer> NAMES = List.of(new JobSpec.NameTransfer("SA", "San Antonio Spurs"),
            new JobSpec.NameTransfer("OKC", "Oklahoma City Thunder"));
    static final Pattern CUE = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> "
            + "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n((?:.+\\n?)+)");

    @TempDir
    Path dir;

    @Test
    void eachScoringLineStartsAtTheFrameItsScoreIsShownAndNoLineOverlapsAnother() throws Exception {
        // A design the score reading tests do not draw: bottom right, dark on light, two rows in Serif.
        Design design = new Design("bottom-right-serif", Layout.TWO_LINES, false, false,
                new java.awt.Font("Serif", java.awt.Font.BOLD, 19), 0.72);
        Path video = dir.resolve("game.mp4");
        ScoreBugFootage.write(ScoreBugFootage.script(design, 28, "SA", "OKC", BASKETS), video);
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(video, StageProgress.NONE);
        assertThat(analysis.scores().states()).as("the baskets are read").hasSize(BASKETS.size());

        SportProfiles profiles = new SportProfiles(new CourtsideProperties(Path.of("data"), Path.of("config/sports"),
                null));
        JobSpec spec = new JobSpec(new JobSpec.InputConfig("basketball", null, List.of(), List.of(), NAMES),
                new JobSpec.OutputConfig("s3://b/h_{index}.mp4", 1, 0, 0, 24.0, List.of()),
                new JobSpec.UserData(null, null));
        HighlightPlan plan = new SegmentSelector(profiles).select(analysis, spec).get(0);
        CommentaryProperties properties = CommentaryProperties.defaults();
        Commentary commentary = new CommentaryWriter(properties, new PhraseBooks(properties), profiles)
                .write("job-timing", "basketball", NAMES, List.of(), plan, true, analysis.scores(),
                        ScoreWeights.DEFAULTS);
        RenderSpec vertical = new RenderSpec(360, 640, FitMode.CROP, "veryfast", 23);
        RenderPlan render = RenderPlan.of(new RenderRequest(video, plan, vertical, null, commentary, null,
                analysis.scores(), JobSpec.NameTransfer.map(NAMES), dir.resolve("h_0.mp4")),
                new SourceFacts(640, 360, 1.0, FPS, 28.0), CommentaryProperties.defaults().fonts());

        List<double[]> cueTimes = new ArrayList<>();
        List<String> cueTexts = new ArrayList<>();
        Matcher m = CUE.matcher(render.captions().vtt());
        while (m.find()) {
            cueTimes.add(new double[] {seconds(m, 1), seconds(m, 5)});
            cueTexts.add(m.group(9).trim().replace('\n', ' '));
        }
        List<CommentaryLine> anchored = commentary.lines().stream().filter(CommentaryLine::anchored).toList();
        assertThat(anchored).as("scoring clips: %s", plan.segments()).hasSizeGreaterThanOrEqualTo(2);
        List<Double> clipSources = RenderPlan.clipSources(plan, FPS);
        int buildUps = 0;
        for (CommentaryLine line : anchored) {
            Segment clip = plan.segments().get(line.clip());
            double truth = BASKETS.stream().mapToDouble(Change::time).filter(t -> t >= clip.start() - 1
                    && t < clip.end()).max().orElseThrow();
            assertThat(truth - clip.start()).as("the clip runs a while before its basket").isGreaterThan(2);
            // the frame of the output that first shows the new score on the broadcast's bug
            double shown = render.bounds().get(line.clip())
                    + Math.ceil((truth - clipSources.get(line.clip())) * FPS - 1e-6) / FPS;
            int cue = cueTexts.indexOf(line.text());
            assertThat(cue).as("a cue for %s in %s", line.text(), cueTexts).isNotNegative();
            double start = cueTimes.get(cue)[0];
            System.out.printf("basket at %.2f, read at %.2f: output frame %.3f shows it, caption from %.3f: %s%n",
                    truth, line.at(), shown, start, line.text());
            assertThat(start).as("captioned at or just after the change, never before: %s", line.text())
                    .isGreaterThanOrEqualTo(shown - 0.0005).isLessThan(shown + 1.0);
            // Courtside's own score graphic switches to the new score at that moment
            Map<String, Integer> score = analysis.scores().stateAt(line.at()).score();
            assertThat(render.score().pieces()).anySatisfy(p -> {
                assertThat(p.start()).isCloseTo(start, org.assertj.core.data.Offset.offset(0.0011));
                // one line ("SA 33 - 35 OKC"), or a row per team where the names are long ("... 33\n... 35")
                assertThat(p.score()).matches("(?s).*\\b" + score.get("SA") + "( - |\n.* )" + score.get("OKC")
                        + "\\b.*");
            });
            // the voice starts after its caption
            assertThat(line.start() + properties.voice().leadSeconds()).isGreaterThanOrEqualTo(shown);
            // a long build-up before the basket has a line of its own, ending where this one starts
            double clipStart = plan.segments().subList(0, line.clip()).stream().mapToDouble(Segment::duration).sum();
            int index = commentary.lines().indexOf(line);
            if (line.start() - clipStart >= properties.leadInSeconds()) {
                CommentaryLine buildUp = commentary.lines().get(index - 1);
                assertThat(buildUp.clip()).isEqualTo(line.clip());
                assertThat(buildUp.end()).isCloseTo(line.start(), org.assertj.core.data.Offset.offset(1e-9));
                buildUps++;
            }
        }
        assertThat(buildUps).as("a clip with a long build-up: %s", commentary.lines()).isPositive();
        // Line cues (the title card aside) never overlap.
        int first = commentary.title() == null ? 0 : 1;
        for (int i = first + 1; i < cueTimes.size(); i++) {
            assertThat(cueTimes.get(i)[0]).as("%s", cueTexts).isGreaterThanOrEqualTo(cueTimes.get(i - 1)[1] - 1e-9);
        }
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
