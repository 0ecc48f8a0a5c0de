package io.courtside.storage;

import io.courtside.kernel.JobFailure;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Input media from the web and its size, {@code courtside.input.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.input")
public record InputProperties(List<String> allowedHosts, DataSize maxBytes, boolean allowPrivateAddresses) {

    /** Whether an input of this many bytes is over {@code max-bytes}. */
    public boolean exceeds(long bytes) {
        return bytes > maxBytes.toBytes();
    }

    /** What an input over the limit is, for every message that says so (upload, download, fetch). */
    public String overLimit() {
        return "larger than " + maxBytes.toBytes() + " bytes (courtside.input.max-bytes)";
    }

    /** The failure of a job whose input media is over the limit. */
    public JobFailure tooLarge() {
        return new JobFailure(JobFailure.CONTENT_BAD, "The input media is " + overLimit() + ".");
    }
}
