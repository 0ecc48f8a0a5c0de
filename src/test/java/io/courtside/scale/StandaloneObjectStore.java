package io.courtside.scale;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** An S3-compatible server (S3Proxy on files) in its own JVM. Args: dir, port, access key, secret, buckets... */
public final class StandaloneObjectStore {

    public static final String READY = "STANDALONE S3 READY";

    private StandaloneObjectStore() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(overrides)
                .build(BlobStoreContext.class);
        for (int i = 4; i < args.length; i++) {
            context.getBlobStore().createContainerInLocation(null, args[i]);
        }
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + args[1]))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3]).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
