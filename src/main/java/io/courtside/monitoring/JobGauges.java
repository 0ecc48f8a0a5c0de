package io.courtside.monitoring;

import io.courtside.config.CourtsideProperties;
import io.courtside.kernel.JobStatus;
import io.courtside.job.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gauges read at scrape time: jobs by status (from the database, cached for a second so a scrape costs one
 * query) and, with the embedded broker, the depth of the job, callback and dead-letter queues. An external
 * broker reports its queue depths itself.
 */
@Component
public class JobGauges {

    private final JobStore jobs;
    private volatile Map<JobStatus, Long> counts = Map.of();
    private volatile long countedAt;

    public JobGauges(JobStore jobs, MeterRegistry meters, CourtsideProperties properties,
                     ObjectProvider<EmbeddedActiveMQ> embeddedBroker) {
        this.jobs = jobs;
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("courtside.jobs", () -> count(status)).description("Jobs by status")
                    .tag("status", status.name()).register(meters);
        }
        var queues = properties.queues();
        for (String queue : new String[] {queues.jobs(), queues.callbacks(), "DLQ", queues.callbacks() + ".DLQ"}) {
            Gauge.builder("courtside.queue.depth", () -> depth(embeddedBroker, queue))
                    .description("Messages waiting on a queue of the embedded broker").tag("queue", queue).register(meters);
        }
    }

    private long count(JobStatus status) {
        if (System.nanoTime() - countedAt > Duration.ofSeconds(1).toNanos()) {
            counts = jobs.countByStatus();
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(status, 0L);
    }

    private static double depth(ObjectProvider<EmbeddedActiveMQ> broker, String queue) {
        return Optional.ofNullable(broker.getIfAvailable())
                .map(b -> b.getActiveMQServer().locateQueue(SimpleString.of(queue)))
                .map(Queue::getMessageCount).map(Long::doubleValue).orElse(Double.NaN);
    }
}
