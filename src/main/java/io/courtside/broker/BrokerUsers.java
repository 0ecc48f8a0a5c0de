package io.courtside.broker;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Who may connect to the embedded broker. Submitting clients: {@code courtside.broker.users}
 * ({@code user:password,user:password}, environment variable {@code COURTSIDE_BROKER_USERS}); with none configured
 * one is generated at start-up and logged, so the TCP acceptor never runs open by accident. They may only send to
 * the submit queue (and use their own temporary reply queues). The service itself connects as the internal user
 * ({@code courtside.broker.internal-user} / {@code internal-password}; the password is generated for each run
 * unless configured): a worker in another process passes the same two properties to join this broker.
 */
@Component
@ConditionalOnProperty(prefix = "spring.artemis", name = "mode", havingValue = "embedded")
public class BrokerUsers {

    private static final Logger log = LoggerFactory.getLogger(BrokerUsers.class);
    /** The service's own role: every permission on every address. */
    public static final String INTERNAL_ROLE = "courtside-internal";
    /** Submitting clients: send on the submit queue, temporary reply queues. */
    public static final String SUBMITTER_ROLE = "courtside-submitter";

    private final Map<String, String> submitters;
    private final String internalUser;
    private final String internalPassword;

    public BrokerUsers(@Value("${courtside.broker.users:}") String users,
                       @Value("${courtside.broker.internal-user:courtside-internal}") String internalUser,
                       @Value("${courtside.broker.internal-password:}") String internalPassword) {
        SecureRandom random = new SecureRandom();
        if (internalUser == null || internalUser.isBlank()) {
            throw new IllegalStateException("courtside.broker.internal-user must not be empty.");
        }
        this.internalUser = internalUser.trim();
        this.internalPassword = internalPassword == null || internalPassword.isBlank()
                ? hex(random, 24) : internalPassword;
        Map<String, String> parsed = parse(users);
        if (parsed.containsKey(this.internalUser)) {
            throw new IllegalStateException("courtside.broker.users names '" + this.internalUser + "', the service's"
                    + " own broker user (courtside.broker.internal-user): choose another name for the client.");
        }
        if (parsed.isEmpty()) {
            String user = "submitter-" + hex(random, 4);
            String password = hex(random, 20);
            parsed.put(user, password);
            log.warn("\n\nNo broker users configured (COURTSIDE_BROKER_USERS). Generated one for this run:\n"
                    + "  user:     {}\n  password: {}\n"
                    + "JMS clients connect with it to submit jobs on the submit queue.\n", user, password);
        }
        this.submitters = Collections.unmodifiableMap(parsed);
    }

    /** Submitting clients, user to password. */
    public Map<String, String> submitters() {
        return submitters;
    }

    public String internalUser() {
        return internalUser;
    }

    public String internalPassword() {
        return internalPassword;
    }

    static Map<String, String> parse(String configured) {
        Map<String, String> users = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            return users;
        }
        for (String pair : configured.split(",")) {
            String trimmed = pair.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 1 || colon == trimmed.length() - 1) {
                throw new IllegalStateException("courtside.broker.users (COURTSIDE_BROKER_USERS) must be"
                        + " user:password pairs separated by commas; an entry has no ':' or an empty user or password.");
            }
            users.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return users;
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
