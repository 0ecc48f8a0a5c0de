package io.courtside.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Answer;
import io.courtside.kernel.InvalidUrlException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound calls to caller-given URLs connect only to the addresses that were checked: a name that resolves (or
 * re-resolves) to loopback is refused before any byte is sent, a trusted name goes to its pinned address with its
 * own Host header, and redirects are not followed. Names resolve through a test resolver, so no DNS is needed.
 */
class PinnedHttpTest {

    private CallbackReceiver server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackReceiver()
                .answer("/redirect", Answer.redirect("http://169.254.169.254/latest/meta-data"))
                .answerAll(Answer.ok("media".getBytes(StandardCharsets.UTF_8)));
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedBeforeConnecting() throws Exception {
        AddressPolicy policy = new AddressPolicy(host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {127, 0, 0, 1})});
        try (CloseableHttpClient http = PinnedHttp.client(policy, host -> false, Duration.ofSeconds(2),
                Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> http.executeOpen(null, new HttpGet(URI.create("http://media.example.test:" + port + "/a.mp4")), null))
                    .isInstanceOf(InvalidUrlException.class).hasMessageContaining("non-public");
            assertThatThrownBy(() -> http.executeOpen(null, new HttpGet(URI.create("http://127.0.0.1:" + port + "/a.mp4")), null))
                    .isInstanceOf(InvalidUrlException.class);
        }
        assertThat(server.requests()).as("no request reached the loopback server").isEmpty();
    }

    @Test
    void theCheckedAnswerIsTheOneConnectedTo() throws Exception {
        // Rebinding: the first answer is public, every later one is loopback. Only one lookup may happen per call,
        // and the connection goes to the public address it checked (unroutable here), never to loopback.
        AtomicInteger lookups = new AtomicInteger();
        AddressPolicy policy = new AddressPolicy(host -> {
            byte[] address = lookups.getAndIncrement() == 0 ? new byte[] {(byte) 203, 0, 113, 10}
                    : new byte[] {127, 0, 0, 1};
            return new InetAddress[] {InetAddress.getByAddress(host, address)};
        });
        try (CloseableHttpClient http = PinnedHttp.client(policy, host -> false, Duration.ofMillis(500),
                Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> http.executeOpen(null, new HttpGet(URI.create("http://rebind.example.test:" + port + "/a.mp4")), null))
                    .isInstanceOf(java.io.IOException.class);
        }
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void trustedNamesGoToTheirPinnedAddressWithTheirHostHeaderAndNoRedirects() throws Exception {
        AddressPolicy policy = new AddressPolicy(host -> {
            if (!host.equals("media.internal.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        });
        try (CloseableHttpClient http = PinnedHttp.client(policy, host -> host.equals("media.internal.test"),
                Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            try (ClassicHttpResponse ok = http.executeOpen(null, new HttpGet("http://media.internal.test:" + port + "/a.mp4"), null)) {
                assertThat(ok.getCode()).isEqualTo(200);
            }
            try (ClassicHttpResponse redirect = http.executeOpen(null, new HttpGet("http://media.internal.test:" + port
                    + "/redirect"), null)) {
                assertThat(redirect.getCode()).as("not followed").isEqualTo(302);
            }
        }
        assertThat(server.requests()).extracting(r -> r.header("Host")).containsExactly("media.internal.test:" + port, "media.internal.test:" + port);
    }
}
