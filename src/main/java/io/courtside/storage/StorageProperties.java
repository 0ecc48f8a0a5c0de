package io.courtside.storage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The object store, {@code courtside.storage.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.storage")
public record StorageProperties(String endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                                List<String> virtualHostSuffixes, List<String> pathStyleHosts,
                                List<String> allowedBuckets, long multipartPartSize, Embedded embedded) {

    /** The embedded S3-compatible server (S3Proxy). */
    public record Embedded(boolean enabled, int port, List<String> buckets) {
    }
}
