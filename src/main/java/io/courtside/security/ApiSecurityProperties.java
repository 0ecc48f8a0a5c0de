package io.courtside.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The {@code courtside.security.*} settings of caller authentication and request limits; see application.yaml. */
@ConfigurationProperties("courtside.security")
public record ApiSecurityProperties(
        boolean authentication,
        String accessKeys,
        Duration signatureMaxAge,
        int noncesPerKey,
        int nonceMaxLength,
        Duration filesLinkLifetime,
        DataSize maxBodyBytes,
        int maxParameterCount,
        int maxParameterBytes,
        double rateLimitPerSecond,
        int rateLimitBurst) {
}
