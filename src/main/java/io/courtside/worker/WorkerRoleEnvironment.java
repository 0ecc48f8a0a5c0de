package io.courtside.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Derives, from {@code courtside.roles.worker} and {@code courtside.worker.isolation}, what this JVM does with the
 * job queue, as two properties the routes and the wiring read:
 * <ul>
 *   <li>{@code courtside.worker.takes-jobs}: this JVM consumes the job queue (route {@code process-job});</li>
 *   <li>{@code courtside.worker.supervises}: this JVM runs child worker processes instead
 *       ({@link WorkerProcesses}).</li>
 * </ul>
 * They are computed when read, not when this post-processor runs, so settings added later (a test's dynamic
 * properties) count.
 */
public class WorkerRoleEnvironment implements EnvironmentPostProcessor {

    public static final String TAKES_JOBS = "courtside.worker.takes-jobs";
    public static final String SUPERVISES = "courtside.worker.supervises";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Derived(environment));
    }

    private static final class Derived extends PropertySource<Object> {

        // Not the source: Spring Boot expands a property source whose source is an Environment into that
        // Environment's sources, which would include this one again, endlessly.
        private final ConfigurableEnvironment environment;

        Derived(ConfigurableEnvironment environment) {
            super("courtsideWorkerRole", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!TAKES_JOBS.equals(name) && !SUPERVISES.equals(name)) {
                return null;
            }
            boolean worker = Boolean.parseBoolean(environment.getProperty("courtside.roles.worker", "true"));
            String isolation = environment.getProperty("courtside.worker.isolation", "in-process")
                    .replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
            boolean inChildren = isolation.equals("process");
            return Boolean.toString(TAKES_JOBS.equals(name) ? worker && !inChildren : worker && inChildren);
        }
    }
}
