package io.courtside.security;

import io.courtside.kernel.ApiErrorCode;
import io.courtside.kernel.ApiException;
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
 * Timestamps must be within {@code signature-max-age} of now, and each nonce is accepted once per key. Both are
 * accepted at {@code /} only: {@code /files} takes its own link signature ({@link FilesLinks}), which is not valid at
 * {@code /}. What the API then reads is only what was verified: {@link Verified#parameters()}.
 */
@Component
public class CallerAuthentication {

    static final String ACS3 = "ACS3-HMAC-SHA256";
    static final String ACS_ACTION = "x-acs-action";
    /** A /files link's expiry may be this much further away than the lifetime, for clients whose clock is ahead. */
    private static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(1);

    private final AccessKeys keys;
    private final Duration maxAge;
    private final NonceCache nonces;
    private final Clock clock;
    private final int nonceMaxLength;
    private final Duration filesLinkLifetime;

    /** The signer and the parameters its signature covers (query and form, one value each; ACS3's signed action). */
    public record Verified(String accessKeyId, Map<String, String> parameters) {
    }

    @Autowired
    public CallerAuthentication(AccessKeys keys, ApiSecurityProperties properties) {
        this(keys, properties, Clock.systemUTC());
    }

    CallerAuthentication(AccessKeys keys, ApiSecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.maxAge = properties.signatureMaxAge();
        this.nonces = new NonceCache(maxAge, properties.noncesPerKey());
        this.clock = clock;
        this.nonceMaxLength = properties.nonceMaxLength();
        this.filesLinkLifetime = properties.filesLinkLifetime();
    }

    /**
     * An API call ({@code /}): the AccessKeyId that signed {@code request} and the parameters it signed. The nonce
     * is spent.
     */
    public Verified authenticate(SignedRequest request) {
        String authorization = request.header().apply("Authorization");
        if (authorization != null && authorization.startsWith(ACS3 + " ")) {
            String accessKeyId = acs3(request, authorization.substring(ACS3.length() + 1));
            return new Verified(accessKeyId, withAction(single(request.query(), request.form()),
                    request.header().apply(ACS_ACTION)));
        }
        Map<String, String> parameters = single(request.query(), request.form());
        if (parameters.containsKey("Signature")) {
            return new Verified(rpc(request.method(), parameters), parameters);
        }
        throw new ApiException(ApiErrorCode.FORBIDDEN, "The request is not signed. Sign it with an AccessKey as"
                + " Alibaba Cloud's SDKs do (RPC HMAC-SHA1 signature or an ACS3-HMAC-SHA256 Authorization header);"
                + " see the README, section Authentication.");
    }

    /**
     * The parameters of an API call when authentication is off (loopback only): query and form, one value each,
     * and the action an ACS3 client names in its header.
     */
    public static Map<String, String> unsigned(SignedRequest request) {
        return withAction(single(request.query(), request.form()), request.header().apply(ACS_ACTION));
    }

    private static Map<String, String> withAction(Map<String, String> parameters, String action) {
        if (action == null) {
            return parameters;
        }
        for (String name : parameters.keySet()) {
            if (name.equalsIgnoreCase(ACS_ACTION)) {
                throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "The action is given both in the header "
                        + ACS_ACTION + " and as a parameter; give it once.");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put(ACS_ACTION, action);
        return all;
    }

    /**
     * A {@code /files} link ({@link FilesLinks}): the AccessKeyId that signed it for this method and object, within
     * its expiry. A download link ({@code GET}) may be fetched several times until it expires (players fetch ranges);
     * an upload link ({@code POST}) works once.
     */
    public String authenticateFilesLink(SignedRequest request) {
        String authorization = request.header().apply("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "/files takes only its own link signature"
                    + " (query parameters AccessKeyId, Expires, Signature), not an Authorization header; see the"
                    + " README, section Authentication.");
        }
        Map<String, String> p = single(request.query(), request.form());
        if (!p.containsKey("Signature")) {
            throw new ApiException(ApiErrorCode.FORBIDDEN, "The request is not signed. /files needs a signed link"
                    + " (" + FilesLinks.PREFIX + "); the CLI and the console build them; see the README.");
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new ApiException(ApiErrorCode.FORBIDDEN, "/files answers GET (download) and POST (upload) only.");
        }
        String object = FilesLinks.objectParameter(method);
        boolean singleUse = FilesLinks.singleUse(method);
        List<String> carried = singleUse ? List.of(object, "AccessKeyId", "Expires", "Nonce", "Signature")
                : List.of(object, "AccessKeyId", "Expires", "Signature");
        for (String name : p.keySet()) {
            if (!carried.contains(name)) {
                throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "A " + method + " /files link carries only "
                        + String.join(", ", carried) + ", not \"" + name + "\" (API signatures are"
                        + " not accepted at /files); sign it as a /files link.");
            }
        }
        for (String required : carried.subList(0, carried.size() - 1)) {
            if (p.get(required) == null || p.get(required).isEmpty()) {
                throw ApiException.missing(required);
            }
        }
        if (singleUse) {
            checkNonceLength("Nonce", p.get("Nonce"));
        }
        String accessKeyId = p.get("AccessKeyId");
        String secret = secretOf(accessKeyId);
        long expires;
        try {
            expires = Long.parseLong(p.get("Expires"));
        } catch (NumberFormatException e) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_FORMAT, "Expires must be a time in Unix seconds.");
        }
        String expected = FilesLinks.signature(secret,
                FilesLinks.stringToSign(method, object, p.get(object), expires, accessKeyId, p.get("Nonce")));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                p.get("Signature").getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ApiErrorCode.SIGNATURE_DOES_NOT_MATCH, "Specified signature is not matched with"
                    + " our calculation: a /files link signs, with HMAC-SHA256 and the AccessKeySecret, "
                    + FilesLinks.PREFIX + "\\n<METHOD>\\n/files\\n" + object + "=<value>\\n<Expires>\\n<AccessKeyId>"
                    + (singleUse ? "\\n<Nonce>." : "."));
        }
        Instant now = clock.instant();
        if (expires < now.getEpochSecond()) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_EXPIRED, "The /files link expired at "
                    + Instant.ofEpochSecond(expires) + " (now " + now + "); ask for a new link.");
        }
        if (expires > now.plus(filesLinkLifetime).plus(CLOCK_ALLOWANCE).getEpochSecond()) {
            throw ApiException.invalid("Expires", "a /files link may last at most " + filesLinkLifetime.toSeconds()
                    + " s (courtside.security.files-link-lifetime); sign it with an earlier expiry.");
        }
        if (singleUse) {
            spend(accessKeyId, "files-link\n" + p.get("Nonce"), now);
        }
        return accessKeyId;
    }

    private String rpc(String method, Map<String, String> p) {
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
        checkNonceLength("SignatureNonce", p.get("SignatureNonce"));
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
        fresh(signedAt, accessKeyId, p.get("SignatureNonce"));
        return accessKeyId;
    }

    private String acs3(SignedRequest request, String fields) {
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
        for (String required : request.body().length > 0 ? List.of("host", "content-type") : List.of("host")) {
            if (!names.contains(required)) {
                throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "The header " + required + " must be"
                        + " named in SignedHeaders" + (required.equals("host") ? "." : " when a body is sent."));
            }
        }
        String action = request.header().apply(ACS_ACTION);
        if (action != null && !names.contains(ACS_ACTION)) {
            throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE, "x-acs-action must be named in SignedHeaders.");
        }
        checkNonceLength("x-acs-signature-nonce", request.header().apply("x-acs-signature-nonce"));
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
        fresh(signedAt, accessKeyId, request.header().apply("x-acs-signature-nonce"));
        return accessKeyId;
    }

    private String secretOf(String accessKeyId) {
        return keys.secretOf(accessKeyId).orElseThrow(() -> new ApiException(ApiErrorCode.INVALID_ACCESS_KEY_ID,
                "Specified access key is not found."));
    }

    private Instant timestamp(String value, String name) {
        Instant plain = plainUtcSeconds(value);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_FORMAT,
                    name + " must be an ISO 8601 UTC time such as 2026-11-24T08:00:00Z.");
        }
    }

    /**
     * The form every SDK sends, {@code yyyy-MM-ddTHH:mm:ssZ}, read digit by digit (Instant.parse's formatter was a
     * visible share of a signed call's CPU); null for anything else, which Instant.parse then reads or refuses.
     */
    static Instant plainUtcSeconds(String value) {
        if (value == null || value.length() != 20 || value.charAt(4) != '-' || value.charAt(7) != '-'
                || value.charAt(10) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':'
                || value.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null; // a leap second or a wrong date: Instant.parse decides
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    /** The decimal number in value[from, to), or -1 when a character is not an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** Checked only after the signature holds, so nobody can spend another caller's nonces. */
    private void fresh(Instant signedAt, String accessKeyId, String nonce) {
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxAge) > 0) {
            throw new ApiException(ApiErrorCode.TIMESTAMP_EXPIRED, "Specified time stamp or date value is expired:"
                    + " it must be within " + maxAge.toSeconds() + " s of the service's time (" + now + ").");
        }
        spend(accessKeyId, nonce, now);
    }

    private void spend(String accessKeyId, String nonce, Instant now) {
        switch (nonces.use(accessKeyId, nonce, now)) {
            case USED -> throw new ApiException(ApiErrorCode.SIGNATURE_NONCE_USED,
                    "Specified signature nonce was used already; use a new SignatureNonce for every request.");
            case FULL -> throw new ApiException(ApiErrorCode.REQUESTS_TOO_FREQUENT, "AccessKey " + accessKeyId
                    + " made more signed requests within the replay window than courtside.security.nonces-per-key"
                    + " allows; slow down and retry later.");
            case FIRST_USE -> { }
        }
    }

    /** A nonce longer than this is refused before anything else is done with it. */
    private void checkNonceLength(String name, String nonce) {
        if (nonce != null && nonce.length() > nonceMaxLength) {
            throw ApiException.invalid(name, "is longer than " + nonceMaxLength + " characters"
                    + " (courtside.security.nonce-max-length); send a UUID or another short random value.");
        }
    }

    /** One value per name; a name given twice (in the query and the form, say) is ambiguous and refused. */
    static Map<String, String> single(Map<String, List<String>> query, Map<String, List<String>> form) {
        Map<String, String> flat = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, List<String>> source : List.of(query, form)) {
            source.forEach((name, values) -> {
                // The API reads names without regard to case, so Action and action are the same name given twice.
                if (values.size() != 1 || !seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new ApiException(ApiErrorCode.INCOMPLETE_SIGNATURE,
                            "The parameter \"" + name + "\" is given more than once; give each parameter once.");
                }
                flat.put(name, values.get(0));
            });
        }
        return flat;
    }

    /** One digest per thread: MessageDigest.getInstance looks the provider up on every call (each nonce is hashed). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data); // digest() resets it for the next call
    }
}
