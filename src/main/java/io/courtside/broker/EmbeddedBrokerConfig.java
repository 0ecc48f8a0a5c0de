package io.courtside.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import java.time.Duration;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Spring Boot's embedded Artemis lacks for a job engine: a TCP acceptor for JMS clients in other
 * processes, and redelivery with backoff then a dead-letter queue instead of Artemis's default of
 * redelivering at once, ten times. And a door: every connection authenticates ({@link BrokerUsers}); submitting
 * clients may only send to the submit queue and use temporary reply queues; each message they send carries their
 * validated user (JMSXUserID), which the submit route takes as the caller.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.artemis", name = "mode", havingValue = "embedded")
public class EmbeddedBrokerConfig {

    public static final String DEAD_LETTER_QUEUE = "DLQ";
    public static final String EXPIRY_QUEUE = "ExpiryQueue";

    @Bean
    ArtemisConfigurationCustomizer courtsideBrokerSettings(BrokerProperties brokerProperties, QueueProperties queueProperties,
                                                           org.springframework.core.env.Environment environment) {
        var broker = brokerProperties;
        String submit = queueProperties.submit();
        return configuration -> {
            configuration.setSecurityEnabled(true);
            // The broker stamps each message with the user that sent it (JMSXUserID); a client cannot forge it.
            configuration.setPopulateValidatedUser(true);
            // How long the journal gathers writes for one sync (courtside.broker.journal-buffer-timeout).
            Binder.get(environment).bind("courtside.broker.journal-buffer-timeout", Duration.class)
                    .ifBound(timeout -> {
                        configuration.setJournalBufferTimeout_NIO((int) timeout.toNanos());
                        configuration.setJournalBufferTimeout_AIO((int) timeout.toNanos());
                    });
            // The most specific match wins. Everything: the service. Temporary reply queues (random names, so
            // under "#"): submitters may create, consume and delete non-durable queues on addresses no other
            // match covers. The service's own addresses and the dead-letter and expiry queues: the service only,
            // but submitters may send on the submit queue.
            Role internal = new Role(BrokerUsers.INTERNAL_ROLE, true, true, true, true, true, true, true, true, true,
                    true);
            Role replies = new Role(BrokerUsers.SUBMITTER_ROLE, false, true, false, false, true, true, false, false,
                    true, true);
            Role send = new Role(BrokerUsers.SUBMITTER_ROLE, true, false, false, false, false, false, false, false,
                    false, false);
            configuration.putSecurityRoles("#", Set.of(internal, replies));
            for (String owned : new String[] {"courtside.#", queueProperties.jobs(),
                    queueProperties.callbacks(), queueProperties.callbacks() + ".DLQ", DEAD_LETTER_QUEUE,
                    EXPIRY_QUEUE, "activemq.#", "$sys.#"}) {
                configuration.putSecurityRoles(owned, Set.of(internal));
            }
            configuration.putSecurityRoles(submit, Set.of(internal, send));
            if (broker.tcpAcceptor() != null && !broker.tcpAcceptor().isBlank()) {
                try {
                    configuration.addAcceptorConfiguration("tcp", broker.tcpAcceptor());
                } catch (Exception e) {
                    throw new IllegalStateException("courtside.broker.tcp-acceptor is not a valid acceptor URL", e);
                }
            }
            configuration.addAddressSetting("#", redelivery(broker));
            // A split game's range and output messages that fail for good go to a dead-letter queue of their own,
            // which the job's worker watches (its job then fails) and which operators tell from dead jobs.
            String splitDeadLetters = environment.getRequiredProperty("courtside.split.dead-letter-queue");
            for (String part : new String[] {environment.getRequiredProperty("courtside.split.queue"),
                    environment.getRequiredProperty("courtside.split.render-queue")}) {
                configuration.addAddressSetting(part, redelivery(broker)
                        .setDeadLetterAddress(SimpleString.of(splitDeadLetters)));
            }
            configuration.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration
                    .of(DEAD_LETTER_QUEUE).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST));
            configuration.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration
                    .of(EXPIRY_QUEUE).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST));
        };
    }

    /**
     * Redelivery with backoff, then the dead-letter queue: what the embedded broker applies to every address, and
     * what docker/artemis/etc-override/broker.xml must give {@code courtside.#} on an external broker.
     */
    public static AddressSettings redelivery(BrokerProperties broker) {
        return new AddressSettings()
                .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(broker.redeliveryMultiplier())
                .setMaxRedeliveryDelay(broker.redeliveryDelay().toMillis() * 60)
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                .setAutoCreateDeadLetterResources(false);
    }

    /**
     * The embedded broker's security manager: in memory (no JAAS file), the service's internal user and the
     * configured submitters. Set before Spring starts the broker.
     */
    @Bean
    static BeanPostProcessor courtsideBrokerSecurity(ObjectProvider<BrokerUsers> users) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof EmbeddedActiveMQ server) {
                    BrokerUsers known = users.getObject();
                    SecurityConfiguration accounts = new SecurityConfiguration();
                    accounts.addUser(known.internalUser(), known.internalPassword());
                    accounts.addRole(known.internalUser(), BrokerUsers.INTERNAL_ROLE);
                    known.submitters().forEach((user, password) -> {
                        accounts.addUser(user, password);
                        accounts.addRole(user, BrokerUsers.SUBMITTER_ROLE);
                    });
                    server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(),
                            accounts));
                }
                return bean;
            }
        };
    }

    /** The service's own (in-VM) connections authenticate as the internal user. */
    @Bean
    static BeanPostProcessor courtsideInternalBrokerIdentity(ObjectProvider<BrokerUsers> users) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                Object target = ConsumerWindow.unwrap(bean);
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    BrokerUsers known = users.getObject();
                    artemis.setUser(known.internalUser());
                    artemis.setPassword(known.internalPassword());
                }
                return bean;
            }
        };
    }
}
