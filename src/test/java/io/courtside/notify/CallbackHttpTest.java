package io.courtside.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Answer;
import io.courtside.CallbackReceiver.Endless;
import io.courtside.egress.AddressPolicy;
import io.courtside.kernel.InvalidUrlException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The callback's camel-http endpoint (as routes/80-notify.camel.yaml declares it) on the HttpClient 5 that
 * {@link CallbackHttp} configures, against a real receiver on loopback: a host that resolves (or re-resolves) to a
 * private address is refused before any byte is sent unless allow-listed, the checked address is the one connected
 * to, redirects come back as they are, a trickling answer is cut at the deadline and an endless one at the cap, and
 * Courtside's own headers stay home while a header the route adds goes out. Names resolve through a test resolver.
 */
class CallbackHttpTest {

    private static final String ENDPOINT = "http://callback-receiver?httpClientConfigurer=#callbackHttp"
            + "&headerFilterStrategy=#callbackHeaderFilter&followRedirects=false&throwExceptionOnFailure=false";

    private CallbackReceiver receiver;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        receiver = new CallbackReceiver()
                .answer("/redirect", Answer.redirect("http://169.254.169.254/latest/meta-data"))
                .answerAll(Answer.ok("ok".getBytes(StandardCharsets.UTF_8)));
        receiver.answerEndlessly("/endless", Endless.STREAM);
        receiver.answerEndlessly("/trickle", Endless.TRICKLE);
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        receiver.close();
    }

    private ProducerTemplate camel(AddressPolicy policy, List<String> allowedPrivateHosts) throws Exception {
        CallbackProperties settings = new CallbackProperties(List.of(), null, null, Duration.ofSeconds(2),
                allowedPrivateHosts, null, null, null, Duration.ofMillis(2500), DataSize.ofKilobytes(64), 1, null,
                Map.of());
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("callbackHttp", new CallbackHttp(policy, settings));
        camel.getRegistry().bind("callbackHeaderFilter", new CallbackHeaderFilter());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:post").setHeader("X-Tenant", constant("team-a")).to(ENDPOINT);
            }
        });
        camel.start();
        return camel.createProducerTemplate();
    }

    private Exchange post(ProducerTemplate template, String url) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader("CourtsideAttempt", "2");
        exchange.getMessage().setBody("{\"JobId\":\"j\"}");
        return template.send("direct:post", exchange);
    }

    private static AddressPolicy resolvingTo(byte[] address) {
        return new AddressPolicy(host -> new InetAddress[] {InetAddress.getByAddress(host, address)});
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedBeforeAnythingIsSent() throws Exception {
        ProducerTemplate template = camel(resolvingTo(new byte[] {127, 0, 0, 1}), List.of());
        Exchange byName = post(template, "http://hooks.example.test:" + receiver.port() + "/cb");
        assertThat(byName.getException()).isInstanceOf(InvalidUrlException.class).hasMessageContaining("non-public");
        Exchange byAddress = post(template, receiver.url("/cb"));
        assertThat(byAddress.getException()).isInstanceOf(InvalidUrlException.class);
        assertThat(receiver.requests()).as("nothing reached the loopback receiver").isEmpty();
    }

    @Test
    void theCheckedAnswerIsTheOneConnectedTo() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        AddressPolicy rebinding = new AddressPolicy(host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {(byte) 203, 0, 113, 10} : new byte[] {127, 0, 0, 1})});
        ProducerTemplate template = camel(rebinding, List.of());
        Exchange exchange = post(template, "http://rebind.example.test:" + receiver.port() + "/cb");
        assertThat(exchange.getException()).as("the public address checked is unroutable here").isNotNull();
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void anAllowListedHostIsReachedWithTheRouteHeadersOnlyAndRedirectsAreNotFollowed() throws Exception {
        ProducerTemplate template = camel(resolvingTo(new byte[] {127, 0, 0, 1}), List.of("hooks.internal.test"));
        String base = "http://hooks.internal.test:" + receiver.port();
        Exchange ok = post(template, base + "/cb?token=a&httpClientConfigurer=x");
        assertThat(ok.getException()).isNull();
        assertThat(ok.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        Exchange redirect = post(template, base + "/redirect");
        assertThat(redirect.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as("not followed").isEqualTo(302);
        assertThat(receiver.requests()).hasSize(2);
        CallbackReceiver.Received received = receiver.requests().get(0);
        assertThat(received.header("Host")).isEqualTo("hooks.internal.test:" + receiver.port());
        assertThat(received.header("X-Tenant")).as("a header the route sets goes out").isEqualTo("team-a");
        assertThat(received.header("CourtsideAttempt")).as("the retry bookkeeping stays home").isNull();
        assertThat(received.body()).isEqualTo("{\"JobId\":\"j\"}");
    }

    @Test
    void aTricklingAnswerIsCutAtTheDeadlineAndAnEndlessOneAtTheCap() throws Exception {
        ProducerTemplate template = camel(resolvingTo(new byte[] {127, 0, 0, 1}), List.of("hooks.internal.test"));
        String base = "http://hooks.internal.test:" + receiver.port();
        long start = System.nanoTime();
        Exchange trickle = post(template, base + "/trickle");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(trickle.getException()).hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(find(trickle.getException(), CallbackHttp.DeadlinePassed.class))
                .as("%s", trickle.getException()).isNotNull();
        assertThat(millis).as("cut off by the 2.5 s deadline").isBetween(2_000L, 6_000L);

        Exchange endless = post(template, base + "/endless");
        CallbackHttp.AnswerTooLarge tooLarge = find(endless.getException(), CallbackHttp.AnswerTooLarge.class);
        assertThat(tooLarge).as("%s", endless.getException()).isNotNull();
        assertThat(tooLarge.getMessage()).contains("courtside.callbacks.max-answer-bytes");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !receiver.cutOffsAt("/endless").isEmpty());
        assertThat(receiver.cutOffsAt("/endless").get(0).bytesSent()).as("read no further than the cap and buffers")
                .isLessThan(4L * 1024 * 1024);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

}
