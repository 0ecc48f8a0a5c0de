package io.courtside.tenancy;

import io.courtside.kernel.ObjectLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What each AccessKey may reach beyond its own jobs: the store objects it may name ({@code
 * courtside.security.key-scopes}) and whether it is an operator ({@code courtside.security.operator-keys}).
 * <ul>
 *   <li>A key with a scope may use, for InputMedia, MediaURL, registered logos and face photos and {@code /files},
 *   only objects in one of its buckets or under one of its bucket/prefix pairs. A key without one keeps every
 *   bucket {@code courtside.storage.allowed-buckets} allows.</li>
 *   <li>Operator keys list and replay dead letters and see every job (also other keys' and jobs stored before
 *   jobs had owners); other keys see their own jobs only.</li>
 * </ul>
 * Its own package, below api, console and security, so each of them can ask it without an import cycle.
 */
@Component
public class KeyScopes {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** A bucket, or a "folder" of it: {@code prefix} is empty or ends with '/'. */
    public record Scope(String bucket, String prefix) {

        boolean contains(ObjectLocation location) {
            return bucket.equals(location.bucket()) && location.key().startsWith(prefix);
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + prefix;
        }
    }

    private final Map<String, List<Scope>> scopes;
    private final Set<String> operators;

    public KeyScopes(@Value("${courtside.security.key-scopes:}") String keyScopes,
                     @Value("${courtside.security.operator-keys:}") String operatorKeys) {
        this.scopes = Collections.unmodifiableMap(parseScopes(keyScopes));
        this.operators = Collections.synchronizedSet(new LinkedHashSet<>(parseList(operatorKeys)));
    }

    /**
     * Makes a key an operator for this run: the key generated at start-up when none are configured (it is the only
     * key, so the demo and the console can do everything), or the anonymous caller while authentication is off.
     */
    public void grantOperator(String accessKeyId) {
        operators.add(accessKeyId);
    }

    public boolean isOperator(String caller) {
        return caller != null && operators.contains(caller);
    }

    /** Whose jobs {@code caller} may see: its own, or (empty) every job for an operator. */
    public Optional<String> jobOwnerFilter(String caller) {
        return isOperator(caller) ? Optional.empty() : Optional.of(caller == null ? "" : caller);
    }

    /** The scopes of {@code caller}; empty when it has none (every allowed bucket). */
    public List<Scope> scopesOf(String caller) {
        return caller == null ? List.of() : scopes.getOrDefault(caller, List.of());
    }

    /** Whether {@code caller} may use the object at {@code location}. */
    public boolean allows(String caller, ObjectLocation location) {
        List<Scope> own = scopesOf(caller);
        return own.isEmpty() || own.stream().anyMatch(scope -> scope.contains(location));
    }

    /** What {@code caller} may use, for refusal messages, e.g. "s3://courtside/team-a/, s3://outputs/team-a/". */
    public String describe(String caller) {
        return scopesOf(caller).stream().map(Scope::toString).collect(Collectors.joining(", "));
    }

    /**
     * Where an upload of {@code caller} goes: {@code bucket/key} when that is in its scope, otherwise the same key
     * under its first scope (so a scoped key's uploads land where it may then use them).
     */
    public ObjectLocation uploadLocation(String caller, String bucket, String key) {
        ObjectLocation usual = new ObjectLocation(bucket, key);
        if (allows(caller, usual)) {
            return usual;
        }
        Scope first = scopesOf(caller).get(0);
        return new ObjectLocation(first.bucket(), first.prefix() + key);
    }

    /**
     * {@code key=scope,scope;key=scope}: keys separated by ';', each key's scopes by ','. A scope is a bucket
     * ({@code media}) or a bucket and a prefix ({@code media/team-a/}); a prefix is a folder, so {@code
     * media/team-a} means the keys under {@code team-a/}.
     */
    static Map<String, List<Scope>> parseScopes(String configured) {
        Map<String, List<Scope>> parsed = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            return parsed;
        }
        for (String entry : configured.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).trim();
            List<String> values = equals < 0 ? List.of() : parseList(entry.substring(equals + 1));
            if (key.isEmpty() || values.isEmpty()) {
                throw new IllegalStateException("courtside.security.key-scopes must be AccessKeyId=bucket[/prefix],..."
                        + " entries separated by ';' (e.g. team-a=media/team-a/,outputs/team-a/;team-b=media-b);"
                        + " the entry '" + entry.trim() + "' has no AccessKeyId or no scope.");
            }
            List<Scope> keyScopes = new ArrayList<>();
            for (String value : values) {
                String trimmed = value.startsWith("s3://") ? value.substring(5) : value;
                int slash = trimmed.indexOf('/');
                String bucket = slash < 0 ? trimmed : trimmed.substring(0, slash);
                String prefix = slash < 0 ? "" : trimmed.substring(slash + 1);
                while (prefix.startsWith("/")) {
                    prefix = prefix.substring(1);
                }
                if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                    prefix = prefix + "/";
                }
                if (!BUCKET.matcher(bucket).matches() || prefix.contains("..") || prefix.contains("//")) {
                    throw new IllegalStateException("courtside.security.key-scopes: '" + value + "' of AccessKey "
                            + key + " is not a bucket name or bucket/prefix.");
                }
                keyScopes.add(new Scope(bucket, prefix));
            }
            if (parsed.put(key, List.copyOf(keyScopes)) != null) {
                throw new IllegalStateException("courtside.security.key-scopes names AccessKey " + key
                        + " twice; give all its scopes in one entry, separated by ','.");
            }
        }
        return parsed;
    }

    private static List<String> parseList(String configured) {
        List<String> values = new ArrayList<>();
        if (configured != null) {
            for (String value : configured.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }
}
