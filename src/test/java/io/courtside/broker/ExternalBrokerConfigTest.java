package io.courtside.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * The broker.xml shipped for the external Artemis (docker/compose.yaml mounts it as etc-override), read by
 * Artemis's own parser: Courtside's queues get the embedded broker's redelivery (from config/application.yaml's
 * courtside.broker defaults) and dead-letter queue; logins are required; submitters may only send on the submit
 * queue; messages carry their validated sender.
 */
class ExternalBrokerConfigTest {

    private static final Path BROKER_XML = Path.of("docker/artemis/etc-override/broker.xml");

    private static FileConfiguration parse() throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(BROKER_XML.toAbsolutePath().toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }

    private static BrokerProperties embeddedDefaults() throws Exception {
        var sources = new YamlPropertySourceLoader().load("application",
                new FileSystemResource("config/application.yaml"));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("courtside.broker", BrokerProperties.class).get();
    }

    /** The settings an address gets: the best match, merged with the less specific ones as Artemis does. */
    private static AddressSettings settingsOf(FileConfiguration configuration, String address) {
        HierarchicalObjectRepository<AddressSettings> repository = new HierarchicalObjectRepository<>(
                configuration.getWildcardConfiguration());
        configuration.getAddressSettings().forEach(repository::addMatch);
        return repository.getMatch(address);
    }

    private static Set<Role> rolesOf(FileConfiguration configuration, String address) {
        HierarchicalObjectRepository<Set<Role>> repository = new HierarchicalObjectRepository<>(
                configuration.getWildcardConfiguration());
        configuration.getSecurityRoles().forEach(repository::addMatch);
        return repository.getMatch(address);
    }

    @Test
    void courtsideQueuesGetTheEmbeddedRedeliveryAndDeadLetterQueue() throws Exception {
        assertThat(BROKER_XML).exists();
        FileConfiguration external = parse();
        AddressSettings expected = EmbeddedBrokerConfig.redelivery(embeddedDefaults());
        for (String queue : new String[] {"courtside.jobs", "courtside.callbacks", "courtside.submit"}) {
            AddressSettings actual = settingsOf(external, queue);
            assertThat(actual.getRedeliveryDelay()).as(queue + " redelivery-delay").isEqualTo(expected.getRedeliveryDelay());
            assertThat(actual.getRedeliveryMultiplier()).as(queue + " multiplier")
                    .isEqualTo(expected.getRedeliveryMultiplier());
            assertThat(actual.getMaxRedeliveryDelay()).as(queue + " max-redelivery-delay")
                    .isEqualTo(expected.getMaxRedeliveryDelay());
            assertThat(actual.getMaxDeliveryAttempts()).as(queue + " max-delivery-attempts")
                    .isEqualTo(expected.getMaxDeliveryAttempts());
            assertThat(String.valueOf(actual.getDeadLetterAddress())).as(queue + " DLQ").isEqualTo(String.valueOf(expected.getDeadLetterAddress()));
            assertThat(String.valueOf(actual.getExpiryAddress())).isEqualTo(String.valueOf(expected.getExpiryAddress()));
        }
        // A split game's ranges and outputs: the same redelivery, then their own dead-letter queue.
        for (String queue : new String[] {"courtside.ranges", "courtside.renders"}) {
            AddressSettings actual = settingsOf(external, queue);
            assertThat(actual.getMaxDeliveryAttempts()).as(queue + " max-delivery-attempts")
                    .isEqualTo(expected.getMaxDeliveryAttempts());
            assertThat(actual.getRedeliveryDelay()).as(queue + " redelivery-delay").isEqualTo(expected.getRedeliveryDelay());
            assertThat(String.valueOf(actual.getDeadLetterAddress())).as(queue + " DLQ").isEqualTo("courtside.split.DLQ");
        }
        Set<String> queues = external.getAddressConfigurations().stream().map(a -> a.getName())
                .collect(Collectors.toSet());
        assertThat(queues).contains("DLQ", "courtside.jobs", "courtside.submit", "courtside.callbacks",
                "courtside.callbacks.DLQ", "courtside.ranges", "courtside.renders", "courtside.split.DLQ");
    }

    @Test
    void loginsAreRequiredAndSubmittersMayOnlySendOnTheSubmitQueue() throws Exception {
        FileConfiguration external = parse();
        assertThat(external.isSecurityEnabled()).isTrue();
        assertThat(external.isPopulateValidatedUser()).as("JMSXUserID set by the broker").isTrue();
        assertThat(permitted(external, "courtside.submit", "courtside-submitter")).containsExactly("send");
        for (String queue : new String[] {"courtside.jobs", "courtside.callbacks", "courtside.callbacks.DLQ", "DLQ",
                "ExpiryQueue", "activemq.management"}) {
            assertThat(permitted(external, queue, "courtside-submitter")).as(queue).isEmpty();
            assertThat(permitted(external, queue, "amq")).as(queue).contains("send", "consume");
        }
        // A temporary reply queue (a random name): the submitter may create and read it, not send to it.
        assertThat(permitted(external, "3c2b7f0e-reply", "courtside-submitter"))
                .contains("consume", "createNonDurableQueue").doesNotContain("send", "createDurableQueue", "manage");
    }

    private static Set<String> permitted(FileConfiguration configuration, String address, String roleName) {
        Set<String> allowed = new java.util.TreeSet<>();
        for (Role role : rolesOf(configuration, address)) {
            if (!role.getName().equals(roleName)) {
                continue;
            }
            if (role.isSend()) allowed.add("send");
            if (role.isConsume()) allowed.add("consume");
            if (role.isCreateDurableQueue()) allowed.add("createDurableQueue");
            if (role.isDeleteDurableQueue()) allowed.add("deleteDurableQueue");
            if (role.isCreateNonDurableQueue()) allowed.add("createNonDurableQueue");
            if (role.isDeleteNonDurableQueue()) allowed.add("deleteNonDurableQueue");
            if (role.isManage()) allowed.add("manage");
            if (role.isBrowse()) allowed.add("browse");
            if (role.isCreateAddress()) allowed.add("createAddress");
            if (role.isDeleteAddress()) allowed.add("deleteAddress");
        }
        return allowed;
    }
}
