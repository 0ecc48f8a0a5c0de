package io.courtside.selection;

import io.courtside.config.CourtsideProperties;
import io.courtside.kernel.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the selection tests share: the shipped sport profiles and a basketball request. */
final class SelectionFixtures {

    private SelectionFixtures() {
    }

    /** A basketball job asking for {@code count} outputs of at most {@code maxDuration} seconds. */
    static JobSpec spec(int count, Double maxDuration) {
        return new JobSpec(new JobSpec.InputConfig("basketball", null, List.of(), List.of(), List.of()),
                new JobSpec.OutputConfig("s3://b/h_{index}.mp4", count, 0, 0, maxDuration, List.of()),
                new JobSpec.UserData(null, null));
    }

    /** The profiles in config/sports, as the service loads them. */
    static SportProfiles profiles() {
        try {
            return new SportProfiles(new CourtsideProperties(Path.of("data"), Path.of("config/sports"), null, null,
                    null, null, null, null, null, null, null, null, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
