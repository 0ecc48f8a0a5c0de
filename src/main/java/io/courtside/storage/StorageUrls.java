package io.courtside.storage;

import io.courtside.kernel.InvalidUrlException;
import io.courtside.kernel.MediaSource;
import io.courtside.kernel.ObjectLocation;
import io.courtside.egress.AddressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Maps the URL forms of the API contract to objects in the configured store: {@code s3://bucket/key},
 * {@code oss://bucket/key}, virtual-hosted {@code http(s)://bucket.<suffix>/key} and path form
 * {@code http(s)://<store-host>/bucket/key}. Any other http(s) URL is a web resource, accepted only when
 * its host is allow-listed.
 */
@Component
public class StorageUrls {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;

    private final List<String> virtualHostSuffixes;
    private final List<String> pathStyleHosts;
    private final List<String> allowedBuckets;
    private final List<String> allowedWebHosts;
    private final AddressPolicy addressPolicy;
    private final boolean allowPrivateInputs;

    public StorageUrls(StorageProperties storageProperties, InputProperties inputProperties, AddressPolicy addressPolicy) {
        var storage = storageProperties;
        this.virtualHostSuffixes = lower(storage.virtualHostSuffixes());
        this.pathStyleHosts = new java.util.ArrayList<>(lower(storage.pathStyleHosts()));
        URI endpoint = URI.create(storage.endpoint());
        this.pathStyleHosts.add(hostAndPort(endpoint));
        this.allowedBuckets = storage.allowedBuckets() == null ? List.of() : storage.allowedBuckets();
        this.allowedWebHosts = lower(inputProperties.allowedHosts());
        this.addressPolicy = addressPolicy;
        this.allowPrivateInputs = inputProperties.allowPrivateAddresses();
    }

    /** Where media at {@code url} comes from; throws InvalidUrlException saying why it cannot be used. */
    public MediaSource resolveSource(String url) {
        URI uri = parse(url);
        ObjectLocation stored = storedObject(uri);
        if (stored != null) {
            return new MediaSource.StoredObject(url, stored);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!AddressPolicy.hostMatches(host, allowedWebHosts)) {
            throw new InvalidUrlException("the host '" + host + "' is neither the object store nor on the allow-list"
                    + " (courtside.input.allowed-hosts)");
        }
        if (!allowPrivateInputs) {
            addressPolicy.requirePublic(host);
        }
        return new MediaSource.WebResource(url, uri);
    }

    /** Where an output goes: only objects in the store can be written. */
    public ObjectLocation resolveTarget(String url) {
        ObjectLocation stored = storedObject(parse(url));
        if (stored == null) {
            throw new InvalidUrlException("outputs can only be written to the object store (s3://, oss:// or a store URL)");
        }
        return stored;
    }

    /** The object a URL names in one of the store's forms, or null when it is some other web URL. */
    private ObjectLocation storedObject(URI uri) {
        if (isObjectScheme(uri.getScheme())) {
            // The authority, not the host: a bad bucket name such as Bad_Bucket is no valid host name either.
            return location(uri.getRawAuthority(), uri.getRawPath());
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidUrlException("URLs with user information are not accepted");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (pathStyleHosts.contains(hostAndPort(uri))) {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int slash = path.indexOf('/', 1);
            if (slash < 0) {
                throw new InvalidUrlException("a path-style object URL needs /bucket/key after the host");
            }
            return location(path.substring(1, slash), path.substring(slash));
        }
        for (String suffix : virtualHostSuffixes) {
            if (host.endsWith("." + suffix)) {
                return location(host.substring(0, host.length() - suffix.length() - 1), uri.getRawPath());
            }
        }
        return null;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidUrlException("the URL is empty");
        }
        if (url.length() > 2048) {
            throw new InvalidUrlException("the URL is longer than 2048 characters");
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || !(isObjectScheme(uri.getScheme()) || isWebScheme(uri.getScheme()))) {
                throw new InvalidUrlException("the scheme '" + uri.getScheme()
                        + "' is not supported; use s3://, oss://, http:// or https://");
            }
            boolean objectUrl = isObjectScheme(uri.getScheme());
            if ((objectUrl ? uri.getRawAuthority() : uri.getHost()) == null) {
                throw new InvalidUrlException("'" + url + "' is not an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidUrlException("'" + url + "' is not a valid URL: " + e.getReason());
        }
    }

    // Compared, not matched: String.matches compiled a regex on every call, three times per URL of a submit.
    private static boolean isObjectScheme(String scheme) {
        return scheme.equalsIgnoreCase("s3") || scheme.equalsIgnoreCase("oss");
    }

    private static boolean isWebScheme(String scheme) {
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }

    private ObjectLocation location(String bucket, String rawPath) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new InvalidUrlException("'" + bucket + "' is not a valid bucket name");
        }
        if (!allowedBuckets.isEmpty() && !allowedBuckets.contains(bucket)) {
            throw new InvalidUrlException("the bucket '" + bucket + "' is not one this service may use");
        }
        if (rawPath == null || rawPath.length() <= 1) {
            throw new InvalidUrlException("the URL names no object key after the bucket");
        }
        String key = URLDecoder.decode(rawPath.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (key.indexOf('\0') >= 0) {
            throw new InvalidUrlException("the object key is not acceptable: it contains a NUL character");
        }
        if (key.startsWith("/") || key.startsWith("\\")) {
            throw new InvalidUrlException("the object key is not acceptable: it is an absolute path (starts with /)");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidUrlException("the object key is not acceptable: it is longer than 1024 bytes");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidUrlException("the object key may not contain '.' or '..' segments");
            }
        }
        return new ObjectLocation(bucket, key);
    }

    private static String hostAndPort(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
