package io.courtside.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** courtside.broker.journal-buffer-timeout reaches the embedded broker's journal, NIO and AIO alike. */
class JournalBufferTimeoutTest {

    private static ConfigurationImpl configured(MockEnvironment environment) {
        environment.setProperty("courtside.split.queue", "courtside.split");
        environment.setProperty("courtside.split.render-queue", "courtside.split.render");
        environment.setProperty("courtside.split.dead-letter-queue", "courtside.split.dlq");
        ConfigurationImpl configuration = new ConfigurationImpl();
        new EmbeddedBrokerConfig().courtsideBrokerSettings(
                new BrokerProperties("", Duration.ofSeconds(5), 2.0, 5),
                new QueueProperties("courtside.submit", "courtside.jobs", "courtside.callbacks"), environment)
                .customize(configuration);
        return configuration;
    }

    @Test
    void theConfiguredTimeoutIsTheJournals() {
        ConfigurationImpl configuration = configured(new MockEnvironment()
                .withProperty("courtside.broker.journal-buffer-timeout", "700us"));
        assertThat(configuration.getJournalBufferTimeout_NIO()).isEqualTo(700_000);
        assertThat(configuration.getJournalBufferTimeout_AIO()).isEqualTo(700_000);
    }

    @Test
    void withoutOneArtemisKeepsItsDefaults() {
        ConfigurationImpl defaults = new ConfigurationImpl();
        ConfigurationImpl configuration = configured(new MockEnvironment());
        assertThat(configuration.getJournalBufferTimeout_NIO()).isEqualTo(defaults.getJournalBufferTimeout_NIO());
        assertThat(configuration.getJournalBufferTimeout_AIO()).isEqualTo(defaults.getJournalBufferTimeout_AIO());
    }
}
