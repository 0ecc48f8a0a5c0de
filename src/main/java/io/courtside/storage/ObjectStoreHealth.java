package io.courtside.storage;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Is the object store reachable? Any answer from it, even "no such bucket" or "access denied", means yes;
 * no answer within two seconds means no. Part of readiness: without the store no job can run.
 */
@Component("objectStore")
public class ObjectStoreHealth implements HealthIndicator {

    private final S3Client s3;

    public ObjectStoreHealth(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Health health() {
        try {
            s3.listBuckets(b -> b.overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2))
                    .apiCallAttemptTimeout(Duration.ofSeconds(2))));
            return Health.up().build();
        } catch (S3Exception answered) {
            return Health.up().withDetail("answer", answered.statusCode()).build();
        } catch (SdkClientException unreachable) {
            return Health.down().withDetail("error", unreachable.getMessage()).build();
        }
    }
}
