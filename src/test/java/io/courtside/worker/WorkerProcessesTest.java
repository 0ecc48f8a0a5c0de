package io.courtside.worker;

import io.courtside.storage.StorageProperties;
import io.courtside.job.WorkerProperties;
import io.courtside.broker.BrokerProperties;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.broker.BrokerUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * A worker process is this program as a worker of this service: API off, jobs in-process, the embedded broker
 * reached through its acceptor, the embedded store off, the service's own arguments kept unless overridden, and
 * the database and broker passwords in its environment, never on its command line (where ps shows them).
 */
class WorkerProcessesTest {

    @Test
    void theChildIsAWorkerOfThisServiceWithItsSecretsInTheEnvironment() {
        MockEnvironment environment = new MockEnvironment();
        // The embedded broker's internal password is generated for each run: the child must get that one.
        BrokerUsers brokerUsers = new BrokerUsers("", "courtside-internal", "");
        WorkerProperties worker = new WorkerProperties("", 1, Duration.ofMinutes(1), 3);
        BrokerProperties broker = new BrokerProperties("tcp://0.0.0.0:61617", Duration.ofSeconds(5), 2.0, 5);
        StorageProperties storage = new StorageProperties("http://127.0.0.1:9123", "us-east-1", true, "k", "s", List.of(),
                List.of(), List.of(), 1, new StorageProperties.Embedded(true, 9123, List.of()));
        DataSourceProperties dataSource = new DataSourceProperties();
        dataSource.setUrl("jdbc:h2:file:./data/db/courtside;MODE=PostgreSQL");
        dataSource.setUsername("courtside");
        dataSource.setPassword("database-secret");
        WorkerProcesses workers = new WorkerProcesses(
                new WorkerIsolation(WorkerIsolation.Mode.PROCESS, 1, Duration.ofSeconds(1), Duration.ofSeconds(30), false),
                worker, storage, broker, environment, dataSource, new DefaultApplicationArguments(
                        "--server.port=8080", "--courtside.worker.isolation=process", "--courtside.media.stall-timeout=5s"),
                new StaticListableBeanFactory(Map.of("brokerUsers", brokerUsers)).getBeanProvider(BrokerUsers.class));

        List<String> command = workers.command(1);
        assertThat(command).contains("--courtside.roles.api=false", "--courtside.worker.isolation=in-process",
                "--courtside.worker.exit-with-parent=true", "--spring.artemis.mode=native",
                "--spring.artemis.broker-url=tcp://127.0.0.1:61617", "--courtside.storage.embedded.enabled=false",
                "--courtside.storage.endpoint=http://127.0.0.1:9123", "--courtside.demo.enabled=false",
                "--server.port=0", "--courtside.media.stall-timeout=5s");
        assertThat(command).doesNotContain("--server.port=8080", "--courtside.worker.isolation=process");
        // the same id for every child of slot 1, so a restarted child takes over its predecessor's lease at once
        assertThat(command).contains("--courtside.worker.id=" + worker.id() + "-w1");
        assertThat(String.join(" ", command)).doesNotContain("database-secret", brokerUsers.internalPassword());
        assertThat(workers.childEnvironment()).containsEntry("SPRING_DATASOURCE_USERNAME", "courtside")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "database-secret")
                .containsEntry("SPRING_ARTEMIS_USER", "courtside-internal")
                .containsEntry("SPRING_ARTEMIS_PASSWORD", brokerUsers.internalPassword());
    }

    @Test
    void exitCodesOfSignalsAreNamed() {
        assertThat(WorkerProcesses.describe(134)).isEqualTo("signal 6 (SIGABRT, exit code 134)");
        assertThat(WorkerProcesses.describe(139)).isEqualTo("signal 11 (SIGSEGV, exit code 139)");
        assertThat(WorkerProcesses.describe(70)).isEqualTo("exit code 70");
    }
}
