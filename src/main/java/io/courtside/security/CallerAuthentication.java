package io.courtside.security;

import io.courtside.api.ApiErrorCode;
import io.courtside.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies ICE's AccessKey signatures and answers the caller's AccessKeyId, or refuses with Alibaba Cloud's codes.
 * Two styles, as the official SDKs send them:
 * <ul>
 * <li>RPC, SignatureVersion 1.0, HMAC-SHA1 ({@code aliyun-java-sdk-core}): {@code Signature}, {@code AccessKeyId},
 * {@code SignatureNonce} and {@code Timestamp} among the query/form parameters; see {@link RpcSigner}.</li>
 * <li>{@code ACS3-HMAC-SHA256} ({@code tea-openapi}, the ICE SDK): the {@code Authorization} header over the
 * canonical request: method, path, sorted query, the signed headers ({@code name:value} lines), their names and
 * the hex SHA-256 of the body, which must equal {@code x-acs-content-sha256}.</li>
 * </ul>
 * Timestamps must be within {@code signature-max-age} of now, and each nonce is accepted once per key.
 */
@Component
public class CallerAuthentication {

    static final String ACS3 = "ACS3-HMAC-SHA256";

    private final AccessKeys keys;
    private final Duration maxAge;
    private final NonceCache nonces;
    private final Clock clock;

    @Autowired
    public CallerAuthentication(AccessKeys keys, ApiSecurityProperties properties) {
        this(keys, properties, Clock.systemUTC());
    }

    CallerAuthentication(AccessKeys keys, ApiSecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.maxAge = properties.signatureMaxAge();
        this.nonces = new NonceCache(maxAge, properties.nonceCacheSize());
        this.clock = clock;
    }

    /**
     * The AccessKeyId that signed {@code request}. {@code replayable}: the signature may be used again within its
     * time window (a signed download link a video player fetches in several ranges); the nonce is then not spent.
     */
    public String authenticate(SignedRequest request, boolean replayable) {
        String authorization = request.header().apply("Authorization");
        if (authorization != null && authorization.startsWith(ACS3 + " ")) {
            return acs3(request, authorization.substring(ACS3.length() + 1), replayable);
        }
        Map<String, String> parameters = single(request.query(), request.form());
        if (parameters.containsKey("Signature")) {
            return rpc(request.method(), parameters, replayable);
        }
        throw new ApiException(ApiErrorCode.FORBIDDEN, "The request is not signed. Sign it with an AccessKey as"
                + " Alibaba Cloud's SDKs do (RPC HMAC-SHA1 signature or an ACS3-HMAC-SHA256 Authorization header);"
                + " see the README, section Authentication.");
    }

    private String rpc(String method, Map<String, String> p, boolean replayable) {
        for (String required : List.of("AccessKeyId", "SignatureMethod", "SignatureNonce", "Timestamp")) {
            if (p.get(required) == null || p.get(required).isEmpty()) {
                throw ApiException.missing(required);
            }
        }
        if (!"HMAC-SHA1".equals(p.get("SignatureMethod"))) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE,
                    "SignatureMethod must be HMAC-SHA1 (or use an ACS3-HMAC-SHA256 Authorization header).");
        }
        if (p.containsKey("SignatureVersion") && !"1.0".equals(p.get("SignatureVersion"))) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "SignatureVersion must be 1.0.");
        }
        String accessKeyId = p.get("AccessKeyId");
        String secret = secretOf(accessKeyId);
        Instant signedAt = timestamp(p.get("Timestamp"), "Timestamp");
        String expected = RpcSigner.signature(method, p, secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                p.get("Signature").getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ApiErrorCode.SIGNATURE_DOES_NOT_MATCH, "Specified signature is not matched with"
                    + " our calculation: sign every parameter (sorted, RFC 3986 encoded) with HMAC-SHA1 and the key"
                    + " <AccessKeySecret>&, over " + method.toUpperCase(Locale.ROOT) + "&%2F&<encoded query>.");
        }
        fresh(signedAt, accessKeyId, p.get("SignatureNonce"), replayable);
        return accessKeyId;
    }

    private String acs3(SignedRequest request, String fields, boolean replayable) {
        Map<String, String> auth = new HashMap<>();
        for (String field : fields.split(",")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                auth.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
            }
        }
        String accessKeyId = auth.get("Credential");
        String signedHeaders = auth.get("SignedHeaders");
        String signature = auth.get("Signature");
        if (accessKeyId == null || signedHeaders == null || signature == null) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "The Authorization header must read "
                    + ACS3 + " Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>.");
        }
        List<String> names = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        for (String required : List.of("x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256")) {
            if (request.header().apply(required) == null || !names.contains(required)) {
                throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE,
                        "The header " + required + " must be sent and named in SignedHeaders.");
            }
        }
        String action = request.header().apply("x-acs-action");
        if (action != null && !names.contains("x-acs-action")) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "x-acs-action must be named in SignedHeaders.");
        }
        String secret = secretOf(accessKeyId);
        Instant signedAt = timestamp(request.header().apply("x-acs-date"), "x-acs-date");
        String payloadHash = HexFormat.of().formatHex(sha256(request.body()));
        if (!payloadHash.equalsIgnoreCase(request.header().apply("x-acs-content-sha256"))) {
            throw new ApiException(ApiErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "x-acs-content-sha256 is not the SHA-256 of the request body.");
        }
        String canonicalQuery = new TreeMap<>(single(request.query(), Map.of())).entrySet().stream()
                .map(e -> RpcSigner.percentEncode(e.getKey()) + "=" + RpcSigner.percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : names.stream().sorted().toList()) {
            String value = request.header().apply(name);
            canonicalHeaders.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        String canonicalRequest = request.method().toUpperCase(Locale.ROOT) + "\n" + request.path() + "\n"
                + canonicalQuery + "\n" + canonicalHeaders + "\n" + String.join(";", names) + "\n" + payloadHash;
        String stringToSign = ACS3 + "\n"
                + HexFormat.of().formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = HexFormat.of().formatHex(RpcSigner.hmac("HmacSHA256", secret, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ApiErrorCode.SIGNATURE_DOES_NOT_MATCH, "Specified signature is not matched with"
                    + " our calculation of the ACS3-HMAC-SHA256 canonical request.");
        }
        fresh(signedAt, accessKeyId, request.header().apply("x-acs-signature-nonce"), replayable);
        return accessKeyId;
    }

    private String secretOf(String accessKeyId) {
        return keys.secretOf(accessKeyId).orElseThrow(() -> new ApiException(ApiErrorCode.INVALID_ACCESS_KEY_ID,
                "Specified access key is not found."));
    }

    private Instant timestamp(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_FORMAT,
                    name + " must be an ISO 8601 UTC time such as 2026-11-24T08:00:00Z.");
        }
    }

    /** Checked only after the signature holds, so nobody can spend another caller's nonces. */
    private void fresh(Instant signedAt, String accessKeyId, String nonce, boolean replayable) {
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxAge) > 0) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_EXPIRED, "Specified time stamp or date value is expired:"
                    + " it must be within " + maxAge.toSeconds() + " s of the service's time (" + now + ").");
        }
        if (replayable) {
            return;
        }
        switch (nonces.use(accessKeyId + "\n" + nonce, now)) {
            case USED -> throw new ApiException(ApiErrorCode.SIGNATURE_NONCE_USED,
                    "Specified signature nonce was used already; use a new SignatureNonce for every request.");
            case FULL -> throw new ApiException(ApiErrorCode.REQUESTS_TOO_FREQUENT,
                    "Too many signed requests within the replay window; retry later.");
            case FIRST_USE -> { }
        }
    }

    /** One value per name; a name given twice (in the query and the form, say) is ambiguous and refused. */
    private static Map<String, String> single(Map<String, List<String>> query, Map<String, List<String>> form) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map<String, List<String>> source : List.of(query, form)) {
            source.forEach((name, values) -> {
                if (values.size() != 1 || flat.containsKey(name)) {
                    throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE,
                            "The parameter \"" + name + "\" is given more than once; give each parameter once.");
                }
                flat.put(name, values.get(0));
            });
        }
        return flat;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
