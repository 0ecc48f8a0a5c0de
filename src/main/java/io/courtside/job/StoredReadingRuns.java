package io.courtside.job;

import java.util.List;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.util.StdConverter;

import io.courtside.scoreboard.ReadingRun;

/**
 * Reads a range's stored runs of score readings, including those stored before a run counted its OCR reads: such a
 * run has no {@code reads} and counts every sample as a read, so a split join replays an old range's runs as they
 * were voted when stored rather than dropping every state they made.
 */
final class StoredReadingRuns {

    private StoredReadingRuns() {
    }

    /** The JSON module that reads {@link ReadingRun}s as stored by any version. */
    static SimpleModule module() {
        return new SimpleModule("stored-reading-runs").addDeserializer(ReadingRun.class,
                new StdDelegatingDeserializer<>(new StdConverter<Stored, ReadingRun>() {
                    @Override
                    public ReadingRun convert(Stored run) {
                        return run.run();
                    }
                }));
    }

    /** A run as stored; {@code reads} null when it was stored before reads were counted. */
    record Stored(double from, double to, int samples, List<String> teams, List<Integer> scores, String games,
                  String period, boolean afterGap, Integer reads) {

        ReadingRun run() {
            return new ReadingRun(from, to, samples, teams, scores, games, period, afterGap,
                    reads == null ? samples : reads);
        }
    }
}
