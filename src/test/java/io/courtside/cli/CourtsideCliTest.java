package io.courtside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which arguments start the service and which the CLI answers (CliIT runs the same through the packaged jar). */
class CourtsideCliTest {

    @Test
    void theServiceStartsWithNoCommandSettingsOnlyOrServe() {
        assertThat(CourtsideCli.serviceArguments(new String[0])).contains(new String[0]);
        assertThat(CourtsideCli.serviceArguments(new String[] {"--courtside.demo.enabled=true", "--server.port=9"}))
                .hasValueSatisfying(a -> assertThat(a).containsExactly("--courtside.demo.enabled=true",
                        "--server.port=9"));
        assertThat(CourtsideCli.serviceArguments(new String[] {"serve", "--server.port=9"}))
                .hasValueSatisfying(a -> assertThat(a).containsExactly("--server.port=9"));
    }

    @Test
    void helpVersionCommandsAndMistakesGoToTheCli() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"help", "submit"}, {"--version"},
                {"submit", "--help"}, {"serve", "--help"}, {"completion"}, {"status", "x"}, {"--bogus"}, {"submt"}}) {
            assertThat(CourtsideCli.serviceArguments(args)).as(String.join(" ", args)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void exitCodesAndMessages() {
        Run help = run("help", "submit");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: courtside submit").contains("--size=WxH");

        Run unknown = run("submit", "game.mp4", "--bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'", "Try: java -jar courtside.jar help submit");

        Run unreachable = run("status", "0123", "--endpoint", "http://127.0.0.1:1");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:1", "--endpoint URL");
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CourtsideCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
