package io.courtside.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two callback signatures: ICE's, over URL and time, and ours, over time and body. */
public final class CallbackSigner {

    private CallbackSigner() {
    }

    /** ICE: md5 hex of {@code <callback URL>|<unix seconds>|<key>}. */
    public static String iceSignature(String url, long timestamp, String key) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((url + "|" + timestamp + "|" + key).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ours: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, so the body cannot be altered. */
    public static String courtsideSignature(String body, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
