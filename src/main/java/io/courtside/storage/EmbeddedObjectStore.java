package io.courtside.storage;

import io.courtside.kernel.ObjectLocation;

import io.courtside.config.CourtsideProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded S3-compatible server: S3Proxy over plain files under {@code data-dir/s3/<bucket>/<key>}.
 * The app talks to it over HTTP with the AWS SDK, exactly as it would to S3, OSS or MinIO.
 */
@Component
@ConditionalOnProperty(name = "courtside.storage.embedded.enabled", havingValue = "true")
public class EmbeddedObjectStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedObjectStore.class);

    private final Path baseDir;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public EmbeddedObjectStore(CourtsideProperties properties) throws Exception {
        var storage = properties.storage();
        this.baseDir = properties.dataDir().resolve("s3").toAbsolutePath();
        Files.createDirectories(baseDir);
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        this.context = ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
        for (String bucket : storage.embedded().buckets()) {
            context.getBlobStore().createContainerInLocation(null, bucket);
        }
        // Bound to loopback: the embedded store serves this machine only.
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + storage.embedded().port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, storage.accessKey(), storage.secretKey())
                .build();
        start();
    }

    /** Starts serving (again, after {@link #stop()}), returning once the port accepts requests. */
    public synchronized void start() throws Exception {
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        log.info("Embedded S3 store on http://127.0.0.1:{} with files under {}", proxy.getPort(), baseDir);
    }

    public synchronized void stop() throws Exception {
        proxy.stop();
    }

    /** The local file holding an object, for people who want to open a result directly. */
    public Path fileOf(ObjectLocation location) {
        return baseDir.resolve(location.bucket()).resolve(location.key());
    }

    @Override
    public void destroy() throws Exception {
        stop();
        context.close();
    }
}
