package io.courtside.scale;

import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An Artemis broker in its own JVM, set up as an operator's broker.xml would be for Courtside: persistent
 * journal, a TCP acceptor, logins required, redelivery with backoff and a dead-letter queue (a split game's
 * ranges and outputs: their own). Args: data dir, port,
 * the app's user and password (every permission, as role amq in docker/artemis/etc-override/broker.xml).
 */
public final class StandaloneBroker {

    public static final String READY = "STANDALONE BROKER READY";

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setSecurityEnabled(true)
                .setPopulateValidatedUser(true)
                .putSecurityRoles("#", Set.of(new Role("amq", true, true, true, true, true, true, true, true, true,
                        true)))
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + args[1])
                .addAddressSetting("#", new AddressSettings()
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2)
                        .setMaxDeliveryAttempts(5)
                        .setDeadLetterAddress(SimpleString.of("DLQ")))
                .addQueueConfiguration(QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST))
                // A split game's ranges and outputs dead-letter apart, as broker.xml has it.
                .addAddressSetting("courtside.ranges", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("courtside.split.DLQ")))
                .addAddressSetting("courtside.renders", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("courtside.split.DLQ")))
                .addQueueConfiguration(QueueConfiguration.of("courtside.split.DLQ").setRoutingType(RoutingType.ANYCAST));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(args[2], args[3]);
        users.addRole(args[2], "amq");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
