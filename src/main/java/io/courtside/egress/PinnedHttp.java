package io.courtside.egress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * HTTP clients for caller-given URLs (web inputs, callbacks) that connect only where the address policy allows:
 * the host name is resolved once, inside the connection itself, every address is checked, and the connection goes
 * to exactly those addresses. No second lookup happens between check and connect, so a DNS answer that changes
 * (rebinding to 127.0.0.1 or 169.254.169.254) cannot slip through. The Host header and TLS SNI/certificate check
 * still use the URL's host name. Redirects, retries, cookies and credentials are off.
 */
public final class PinnedHttp {

    private PinnedHttp() {
    }

    /**
     * {@code privateAllowed}: hosts (by name) that may resolve to private addresses (allow-listed, trusted networks);
     * for all others a non-public address ends the call with {@link io.courtside.kernel.InvalidUrlException}.
     */
    public static CloseableHttpClient client(AddressPolicy policy, Predicate<String> privateAllowed,
                                             Duration connectTimeout, Duration readTimeout) {
        DnsResolver pinned = host -> policy.resolve(host, privateAllowed.test(host)).toArray(InetAddress[]::new);
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create()
                        .register("http", PlainConnectionSocketFactory.getSocketFactory())
                        .register("https", SSLConnectionSocketFactory.getSocketFactory())
                        .build(),
                null, null, pinned, -1, TimeUnit.MILLISECONDS);
        int connect = (int) connectTimeout.toMillis();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connect)
                        .setConnectionRequestTimeout(connect).setSocketTimeout((int) readTimeout.toMillis())
                        .setRedirectsEnabled(false).build())
                .build();
    }
}
