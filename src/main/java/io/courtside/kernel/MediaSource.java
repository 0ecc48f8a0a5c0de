package io.courtside.kernel;

import java.net.URI;

/** Where a caller-given media URL points: an object in our store, or an allow-listed web resource. */
public sealed interface MediaSource {

    /** The URL exactly as the caller gave it, for messages and the job record. */
    String url();

    /** True when the media is an object in the configured store (fetched through camel-aws2-s3). */
    default boolean inObjectStore() {
        return this instanceof StoredObject;
    }

    record StoredObject(String url, ObjectLocation location) implements MediaSource {
    }

    record WebResource(String url, URI uri) implements MediaSource {
    }
}
