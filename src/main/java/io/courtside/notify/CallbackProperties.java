package io.courtside.notify;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Callback delivery, {@code courtside.callbacks.*} (config/application.yaml documents each key).
 *
 * @param queuePrefixes       MNS-style queue names callers may use as NotifyAddress start with one of these
 * @param iceCallbackKey      ICE callback signing key (X-ICE-TIMESTAMP / X-ICE-SIGNATURE headers when set)
 * @param hmacSecret          secret of the X-Courtside-Signature HMAC-SHA256 header (sent when set)
 * @param timeout             time to connect to a receiver, and between two reads of its answer
 * @param allowedPrivateHosts hosts callbacks may go to even when they resolve to private addresses
 * @param retryDelay          first retry of a failed callback after this long (a bare number is milliseconds)
 * @param retryMaxDelay       retries wait twice as long each time, at most this long
 * @param retryFor            after trying this long the callback goes to the dead-letter queue
 * @param deadline            one whole try (connect, request, answer)
 * @param maxAnswerBytes      the most of a receiver's answer read
 * @param concurrency         callbacks sent at once
 * @param userId              the callback's UserId for every caller (null when unset)
 * @param userIds             the callback's UserId per caller (AccessKeyId)
 */
@ConfigurationProperties("courtside.callbacks")
public record CallbackProperties(List<String> queuePrefixes, String iceCallbackKey, String hmacSecret, Duration timeout,
                                 List<String> allowedPrivateHosts,
                                 @DurationUnit(ChronoUnit.MILLIS) Duration retryDelay,
                                 @DurationUnit(ChronoUnit.MILLIS) Duration retryMaxDelay,
                                 @DurationUnit(ChronoUnit.MILLIS) Duration retryFor,
                                 Duration deadline, DataSize maxAnswerBytes, Integer concurrency, String userId,
                                 Map<String, String> userIds) {

    public CallbackProperties {
        // An empty list or map in the yaml ([] / {}) may bind as nothing: no hosts, no per-caller UserIds.
        allowedPrivateHosts = allowedPrivateHosts == null ? List.of() : allowedPrivateHosts;
        userIds = userIds == null ? Map.of() : userIds;
        // Secrets come from the environment: an unset variable (empty) is no secret.
        iceCallbackKey = blankToNull(iceCallbackKey);
        hmacSecret = blankToNull(hmacSecret);
        userId = blankToNull(userId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The callback's UserId for a caller: its own mapping, else the installation's; null when neither is set. */
    public String userIdOf(String callerId) {
        String mapped = userIds == null || callerId == null ? null : userIds.get(callerId);
        String id = mapped != null && !mapped.isBlank() ? mapped : userId;
        return id == null || id.isBlank() ? null : id.trim();
    }
}
