package io.courtside.storage;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one S3 client of the app, built from {@code courtside.storage.*}; Camel's aws2-s3 component
 * picks it up, so pointing at AWS S3, OSS or MinIO instead of the embedded store is configuration only.
 */
@Configuration
public class ObjectStoreClientConfig {

    @Bean(destroyMethod = "close")
    public S3Client s3Client(StorageProperties storageProperties, StorageRetries retries) {
        var storage = storageProperties;
        return S3Client.builder()
                .endpointOverride(URI.create(storage.endpoint()))
                .region(Region.of(storage.region()))
                .forcePathStyle(storage.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(storage.accessKey(), storage.secretKey())))
                // S3Proxy, OSS and older MinIO reject the SDK's default flexible checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                // A store that goes away for a moment (restart, failover): each request and upload part is tried
                // again with backoff before anything fails (camel-aws2-s3 aborts a multipart upload that fails).
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(retries.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(retries.delay(), retries.maxDelay()))))
                .build();
    }
}
