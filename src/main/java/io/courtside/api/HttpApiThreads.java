package io.courtside.api;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP API calls run their route on the servlet container's request thread. Camel's Spring Boot platform-http
 * otherwise hands every request to Spring's task executor and answers through an async dispatch: two thread
 * hand-offs per call, which with the route's own work made the HTTP threads most of the service's CPU per submit
 * (bench/api-load-bench.sh). The request thread waits for the submit's group commit instead of a task thread; Tomcat's
 * request threads (server.tomcat.threads.max, 200 by default) bound the calls in progress as the 64 task threads did.
 */
@Configuration(proxyBeanMethods = false)
public class HttpApiThreads {

    /** Runs a call where it is handed over: on the request thread that received it. */
    static final Executor ON_REQUEST_THREAD = Runnable::run;

    // Camel's platform-http component finds its engine by this name; the starter's own engine steps aside for it.
    @Bean(name = "platform-http-engine")
    public PlatformHttpEngine requestThreadPlatformHttpEngine(ServerProperties server) {
        return new SpringBootPlatformHttpEngine(Optional.ofNullable(server.getPort()).orElse(8080), ON_REQUEST_THREAD);
    }
}
