package io.courtside.broker;

import io.courtside.config.CourtsideProperties;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Spring Boot's embedded Artemis lacks for a job engine: a TCP acceptor for JMS clients in other
 * processes, and redelivery with backoff then a dead-letter queue instead of Artemis's default of
 * redelivering at once, ten times.
 */
@Configuration
public class EmbeddedBrokerConfig {

    public static final String DEAD_LETTER_QUEUE = "DLQ";
    public static final String EXPIRY_QUEUE = "ExpiryQueue";

    @Bean
    ArtemisConfigurationCustomizer courtsideBrokerSettings(CourtsideProperties properties) {
        var broker = properties.broker();
        return configuration -> {
            if (broker.tcpAcceptor() != null && !broker.tcpAcceptor().isBlank()) {
                try {
                    configuration.addAcceptorConfiguration("tcp", broker.tcpAcceptor());
                } catch (Exception e) {
                    throw new IllegalStateException("courtside.broker.tcp-acceptor is not a valid acceptor URL", e);
                }
            }
            AddressSettings settings = new AddressSettings()
                    .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                    .setMaxRedeliveryDelay(broker.redeliveryDelay().toMillis() * 60)
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                    .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                    .setAutoCreateDeadLetterResources(false);
            configuration.addAddressSetting("#", settings);
            configuration.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration
                    .of(DEAD_LETTER_QUEUE).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST));
            configuration.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration
                    .of(EXPIRY_QUEUE).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST));
        };
    }
}
