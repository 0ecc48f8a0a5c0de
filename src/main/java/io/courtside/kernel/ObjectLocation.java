package io.courtside.kernel;

/** An object in the configured S3-compatible store. */
public record ObjectLocation(String bucket, String key) {

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
