package io.courtside.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The signature of a {@code /files} link, which works only at {@code /files}, for one method and one object, until
 * its expiry: HMAC-SHA256, keyed with the AccessKeySecret, over
 * <pre>
 * COURTSIDE-FILES-LINK-V1\n&lt;METHOD&gt;\n/files\n&lt;url|name&gt;=&lt;value&gt;\n&lt;Expires&gt;\n&lt;AccessKeyId&gt;[\n&lt;Nonce&gt;]
 * </pre>
 * The query carries exactly the object ({@code url} to download, {@code name} to upload), {@code AccessKeyId},
 * {@code Expires} (Unix seconds) and {@code Signature} (Base64); an upload link also a random {@code Nonce}, signed
 * last, because it works once: two uploads of one name within a second would otherwise be the same link. The prefix and the algorithm make it a different
 * thing from an RPC signature (HMAC-SHA1 over {@code METHOD&%2F&...}): neither can stand for the other.
 */
public final class FilesLinks {

    public static final String PREFIX = "COURTSIDE-FILES-LINK-V1";
    /** How long the clients (CLI, console) make their links last; the service accepts at most files-link-lifetime. */
    public static final Duration CLIENT_LIFETIME = Duration.ofMinutes(5);

    private FilesLinks() {
    }

    /** The object parameter a link of this method names: {@code url} (GET, download) or {@code name} (POST). */
    public static String objectParameter(String method) {
        return "POST".equalsIgnoreCase(method) ? "name" : "url";
    }

    /** Whether links of this method work once and so carry a {@code Nonce}: uploads. */
    public static boolean singleUse(String method) {
        return "POST".equalsIgnoreCase(method);
    }

    /** {@code nonce}: null for a download link. */
    public static String stringToSign(String method, String parameter, String value, long expires,
                                      String accessKeyId, String nonce) {
        return PREFIX + "\n" + method.toUpperCase(Locale.ROOT) + "\n/files\n" + parameter + "=" + value + "\n"
                + expires + "\n" + accessKeyId + (nonce == null ? "" : "\n" + nonce);
    }

    public static String signature(String accessKeySecret, String stringToSign) {
        return Base64.getEncoder().encodeToString(RpcSigner.hmac("HmacSHA256", accessKeySecret, stringToSign));
    }

    /** The query parameters of a link for {@code method} on the object {@code parameter}={@code value}. */
    public static Map<String, String> sign(String method, String parameter, String value, String accessKeyId,
                                           String accessKeySecret, long expires) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(parameter, value);
        query.put("AccessKeyId", accessKeyId);
        query.put("Expires", Long.toString(expires));
        String nonce = singleUse(method) ? UUID.randomUUID().toString() : null;
        if (nonce != null) {
            query.put("Nonce", nonce);
        }
        query.put("Signature", signature(accessKeySecret,
                stringToSign(method, parameter, value, expires, accessKeyId, nonce)));
        return query;
    }

    /** A link valid for {@link #CLIENT_LIFETIME} from now. */
    public static Map<String, String> sign(String method, String parameter, String value, String accessKeyId,
                                           String accessKeySecret) {
        return sign(method, parameter, value, accessKeyId, accessKeySecret,
                Instant.now().plus(CLIENT_LIFETIME).getEpochSecond());
    }

    /** {@code endpoint}/files?... signed until {@code expires}. */
    public static URI link(URI endpoint, String method, String parameter, String value, String accessKeyId,
                           String accessKeySecret, long expires) {
        return URI.create(endpoint.toString().replaceAll("/+$", "") + "/files?"
                + RpcSigner.formOf(sign(method, parameter, value, accessKeyId, accessKeySecret, expires)));
    }
}
