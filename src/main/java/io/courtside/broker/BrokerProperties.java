package io.courtside.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The embedded broker's acceptor and redelivery, {@code courtside.broker.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.broker")
public record BrokerProperties(String tcpAcceptor, Duration redeliveryDelay, double redeliveryMultiplier,
                               int maxDeliveryAttempts) {
}
