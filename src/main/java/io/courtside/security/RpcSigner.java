package io.courtside.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC signature (SignatureVersion 1.0, HMAC-SHA1), as the ICE SDKs compute it: the parameters
 * sorted by name, each name and value percent-encoded (RFC 3986: space is %20, {@code *} is %2A, {@code ~} stays),
 * joined with {@code &}; the string to sign is {@code METHOD&%2F&<encoded canonical query>}; the key is the secret
 * followed by {@code &}; the signature is the Base64 of the HMAC. Used to sign (clients) and to verify (server).
 */
public final class RpcSigner {

    private RpcSigner() {
    }

    /** {@code parameters} plus the signature parameters, signed for an HTTP {@code method} call. */
    public static Map<String, String> sign(String method, Map<String, String> parameters, String accessKeyId,
                                           String accessKeySecret) {
        Map<String, String> signed = new LinkedHashMap<>(parameters);
        signed.put("AccessKeyId", accessKeyId);
        signed.put("SignatureMethod", "HMAC-SHA1");
        signed.put("SignatureVersion", "1.0");
        signed.put("SignatureNonce", UUID.randomUUID().toString());
        signed.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        signed.put("Signature", signature(method, signed, accessKeySecret));
        return signed;
    }

    /** The signature of every parameter but {@code Signature} itself. */
    public static String signature(String method, Map<String, String> parameters, String accessKeySecret) {
        Map<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("Signature");
        // A plain loop: the stream's collector was a third of the gate's signature work per call.
        StringBuilder canonical = new StringBuilder(256);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        String toSign = method.toUpperCase(java.util.Locale.ROOT) + "&" + percentEncode("/") + "&"
                + percentEncode(canonical.toString());
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", (accessKeySecret + "&"), toSign));
    }

    /** A form or query string of the parameters, encoded as the signature expects. */
    public static String formOf(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /**
     * RFC 3986 percent-encoding of the UTF-8 bytes: letters, digits and {@code - _ . ~} stay, every other byte is
     * {@code %XX} (upper-case hex). The same as URLEncoder's output with {@code +}, {@code *} and {@code %7E} then
     * replaced, in one pass: the gate encodes every parameter and then the whole canonical query again, and the
     * JSON parameters are mostly characters to encode.
     */
    public static String percentEncode(String value) {
        int length = value.length();
        int i = 0;
        while (i < length && unreserved(value.charAt(i))) {
            i++;
        }
        if (i == length) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + bytes.length / 2);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (unreserved(c)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~';
    }

    /** One Mac per thread and algorithm: Mac.getInstance looks the provider up on every call. */
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(java.util.HashMap::new);

    static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = MACS.get().get(algorithm);
            if (mac == null) {
                mac = Mac.getInstance(algorithm);
                MACS.get().put(algorithm, mac);
            }
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
