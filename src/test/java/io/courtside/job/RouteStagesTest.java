package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.CourtsideApplication;
import io.courtside.CourtsideTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A stage name in the routes that is not a Stage fails the service's start, naming the route and the name. */
class RouteStagesTest {

    @Test
    void aMistypedStageInARouteFailsTheStart() throws Exception {
        Path routes = Files.createTempDirectory("courtside-typo-routes-");
        Files.writeString(routes.resolve("99-typo.camel.yaml"), """
                - route:
                    id: typo-stage
                    from:
                      uri: direct:typo-stage
                      steps:
                        - setProperty:
                            name: progress
                            method:
                              ref: jobProgress
                              method: "stage(${exchangeProperty.jobId}, 'Analyzing', 0, 1)"
                """);
        assertThatThrownBy(() -> start("file:routes/*.camel.yaml,file:" + routes + "/*.camel.yaml").close())
                .hasStackTraceContaining("route typo-stage names stage 'Analyzing'");
    }

    @Test
    void theShippedRoutesNameOnlyStages() throws Exception {
        try (ConfigurableApplicationContext service = start("file:routes/*.camel.yaml")) {
            assertThat(service.isActive()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String routes) throws Exception {
        return new SpringApplicationBuilder(CourtsideApplication.class).run(
                "--server.port=0",
                "--courtside.data-dir=" + Files.createTempDirectory("courtside-stages-"),
                "--spring.artemis.embedded.server-id=" + CourtsideTestBase.uniqueBrokerId(),
                "--courtside.worker.isolation=in-process",
                "--courtside.storage.embedded.port=" + CourtsideTestBase.freePort(),
                "--courtside.storage.embedded.buckets=courtside,outputs",
                "--courtside.broker.tcp-acceptor=",
                "--camel.main.routes-include-pattern=" + routes);
    }
}
