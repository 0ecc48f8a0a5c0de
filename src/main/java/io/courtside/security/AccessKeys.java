package io.courtside.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.courtside.tenancy.KeyScopes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The AccessKeys callers sign with: {@code courtside.security.access-keys} ({@code id:secret,id:secret}, from the
 * environment variable {@code COURTSIDE_API_ACCESS_KEYS}). With none configured one is generated at start-up and
 * logged, so the service never runs open by accident. Authentication may be switched off only while the API
 * listens on a loopback address; otherwise start-up stops with a message saying so.
 */
@Component
public class AccessKeys {

    private static final Logger log = LoggerFactory.getLogger(AccessKeys.class);

    private final boolean enabled;
    private final Map<String, String> secrets;

    public AccessKeys(ApiSecurityProperties properties, String bindAddress) {
        this(properties, bindAddress, new KeyScopes("", ""));
    }

    /**
     * {@code scopes}: the generated key (the only one, when none are configured) is made an operator, as is the
     * anonymous caller while authentication is off, so the demo and the console can do everything.
     */
    @Autowired
    public AccessKeys(ApiSecurityProperties properties, @Value("${server.address:}") String bindAddress,
                      KeyScopes scopes) {
        this.enabled = properties.authentication();
        if (!enabled) {
            if (!isLoopback(bindAddress)) {
                throw new IllegalStateException("courtside.security.authentication=off is allowed only while the API"
                        + " listens on loopback, but server.address is '" + bindAddress + "'. Configure AccessKeys"
                        + " (COURTSIDE_API_ACCESS_KEYS=id:secret) and turn authentication on, or bind to 127.0.0.1.");
            }
            log.warn("Caller authentication is OFF (courtside.security.authentication=off): any local process may"
                    + " call the API on {} (as an operator).", bindAddress);
            scopes.grantOperator(ApiGate.ANONYMOUS);
            this.secrets = Map.of();
            return;
        }
        Map<String, String> keys = parse(properties.accessKeys());
        if (keys.isEmpty()) {
            SecureRandom random = new SecureRandom();
            String id = "courtside-" + HexFormat.of().formatHex(bytes(random, 6));
            String secret = HexFormat.of().formatHex(bytes(random, 20));
            keys.put(id, secret);
            scopes.grantOperator(id);
            log.warn("\n\nNo AccessKeys configured (COURTSIDE_API_ACCESS_KEYS). Generated one for this run, an operator"
                    + " key (it sees every job and the dead letters):\n"
                    + "  AccessKeyId:     {}\n  AccessKeySecret: {}\n"
                    + "Sign API calls with it (CLI: --access-key-id/--access-key-secret or COURTSIDE_ACCESS_KEY_ID/"
                    + "COURTSIDE_ACCESS_KEY_SECRET; console: enter it on the sign-in form).\n", id, secret);
        }
        this.secrets = Collections.unmodifiableMap(keys);
    }

    public boolean enabled() {
        return enabled;
    }

    public Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId));
    }

    /** One configured key (id and secret), for the service's own demo client; empty when authentication is off. */
    public Optional<Map.Entry<String, String>> first() {
        return secrets.entrySet().stream().findFirst();
    }

    static Map<String, String> parse(String configured) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            return keys;
        }
        for (String pair : configured.split(",")) {
            String trimmed = pair.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 1 || colon == trimmed.length() - 1) {
                throw new IllegalStateException("courtside.security.access-keys must be id:secret pairs separated by"
                        + " commas; an entry has no ':' or an empty id or secret.");
            }
            keys.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return keys;
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] b = new byte[count];
        random.nextBytes(b);
        return b;
    }

    static boolean isLoopback(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return false; // every interface
        }
        try {
            return InetAddress.getByName(bindAddress.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
