package io.courtside.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.api.ApiErrors;
import io.courtside.api.RpcCall;
import io.courtside.api.RpcReply;
import io.courtside.kernel.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Serves the RPC API at {@code /} on the Tomcat thread that took the request: hands the call {@link ApiGate}
 * admitted to the API route ({@code courtside.api.http-endpoint}, route {@code api-http} in
 * routes/10-submit.camel.yaml) as an {@link RpcCall} body and writes back the {@link RpcReply} the route leaves (its
 * HTTP status and JSON body). Only the verified parameters ({@link VerifiedParameters}) and the
 * verified caller go into the exchange, never a request header, so no header a client sends can reach Camel. It
 * replaces platform-http, whose hand-off of every request to an executor and async re-dispatch cost more CPU per
 * submit than the route itself.
 */
public class RpcEntryServlet extends HttpServlet {

    private final transient ProducerTemplate producer;
    private final transient Endpoint apiRoute;
    private final transient VerifiedParameters verifiedParameters;
    private final transient ApiErrors errors;
    private final transient ObjectMapper json = new ObjectMapper();
    // From the servlet taking a call to its answer written (courtside.api.served; Tomcat's queueing comes before).
    // Registered at the first call: this servlet is made before the registry has its configured filters
    // (management.metrics.distribution.*), which a meter registered earlier would not get.
    private final transient MeterRegistry meters;
    private transient volatile Timer served;

    RpcEntryServlet(CamelContext camel, String apiEndpoint, VerifiedParameters verifiedParameters, ApiErrors errors,
                    MeterRegistry meters) {
        this.meters = meters;
        this.producer = camel.createProducerTemplate();
        this.apiRoute = camel.getEndpoint(apiEndpoint);
        this.verifiedParameters = verifiedParameters;
        this.errors = errors;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        try {
            serve(request, response);
        } finally {
            served().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer served() {
        Timer timer = served;
        if (timer == null) {
            timer = Timer.builder("courtside.api.served").description("An API call, from the thread that took it"
                    + " starting on it to its answer written").tag("channel", "http").register(meters);
            served = timer;
        }
        return timer;
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Map<String, String> parameters;
        try {
            parameters = verifiedParameters.of(request);
        } catch (ApiException refused) {
            write(response, errors.reply(refused));
            return;
        }
        String caller = request.getHeader(ApiGate.CALLER_HEADER);
        Exchange answered = producer.send(apiRoute, exchange -> exchange.getIn().setBody(new RpcCall(parameters,
                caller)));
        if (answered.getException() != null) {
            // The route's error configuration (api-errors) answers every failure; this is its safety net.
            write(response, errors.reply(answered.getException()));
            return;
        }
        // The route leaves the answer (or the refusal, api-http-errors) as its body.
        Object answer = answered.getMessage().getBody();
        write(response, answer instanceof RpcReply reply ? reply
                : errors.reply(new IllegalStateException("the API route left no answer but " + answer)));
    }

    private void write(HttpServletResponse response, RpcReply reply) throws IOException {
        response.setStatus(reply.httpStatus());
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(reply.body()));
    }

    static final String NAME = "rpc-entry";

    /** Mapped to the context root alone ({@code ""}): every other path stays with Spring MVC (console, /files...). */
    @Configuration
    @ConditionalOnProperty(name = "courtside.roles.api", havingValue = "true", matchIfMissing = true)
    static class Registration {

        @Bean
        ServletRegistrationBean<RpcEntryServlet> rpcEntry(CamelContext camel,
                                                          @Value("${courtside.api.http-endpoint}") String apiEndpoint,
                                                          VerifiedParameters verifiedParameters, ApiErrors errors,
                                                          MeterRegistry meters) {
            ServletRegistrationBean<RpcEntryServlet> registration = new ServletRegistrationBean<>(
                    new RpcEntryServlet(camel, apiEndpoint, verifiedParameters, errors, meters), "");
            registration.setName(NAME);
            return registration;
        }
    }

    /**
     * No http.server.requests observation of API calls: opening and closing one (tags, timer, long-task timer) was
     * 6 % of a submit's CPU at 300 submits/s (JFR). Every other path (console, /files, actuator) keeps it;
     * {@code courtside.api.http-observation: true} brings it back for the API too.
     */
    @Configuration
    @ConditionalOnProperty(name = "courtside.api.http-observation", havingValue = "false", matchIfMissing = true)
    static class ApiCallsUnobserved {

        @Bean
        ObservationPredicate noHttpObservationOfApiCalls() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext server
                    && server.getCarrier().getHttpServletMapping() != null
                    && NAME.equals(server.getCarrier().getHttpServletMapping().getServletName()));
        }
    }
}
