package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** courtside.api.http-observation: API calls leave Spring's http.server.requests unless it is true. */
class ApiObservationSwitchTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RpcEntryServlet.ApiCallsUnobserved.class);

    @Test
    void apiCallsAreUnobservedByDefaultAndObservedWhenSwitchedOn() {
        context.run(c -> assertThat(c).hasSingleBean(ObservationPredicate.class));
        context.withPropertyValues("courtside.api.http-observation=false")
                .run(c -> assertThat(c).hasSingleBean(ObservationPredicate.class));
        context.withPropertyValues("courtside.api.http-observation=true")
                .run(c -> assertThat(c).doesNotHaveBean(ObservationPredicate.class));
    }
}
