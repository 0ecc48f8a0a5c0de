package io.courtside.egress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients (Apache HttpClient 5) for caller-given URLs (web inputs, callbacks) that connect only where the
 * address policy allows: the host name is resolved once, inside the connection itself, every address is checked, and
 * the connection goes to exactly those addresses. No second lookup happens between check and connect, so a DNS
 * answer that changes (rebinding to 127.0.0.1 or 169.254.169.254) cannot slip through. The Host header and TLS
 * SNI/certificate check still use the URL's host name. Redirects, retries, cookies and credentials are off.
 * {@link #configure} applies the same to any {@link HttpClientBuilder}, e.g. camel-http's through an
 * {@code HttpClientConfigurer} (notify.CallbackHttp).
 */
public final class PinnedHttp {

    private PinnedHttp() {
    }

    /**
     * A client on its own pinned connection pool. {@code privateAllowed}: hosts (by name) that may resolve to private
     * addresses (allow-listed, trusted networks); for all others a non-public address ends the call with
     * {@link io.courtside.kernel.InvalidUrlException}.
     */
    public static CloseableHttpClient client(AddressPolicy policy, Predicate<String> privateAllowed,
                                             Duration connectTimeout, Duration readTimeout) {
        return configure(HttpClients.custom(), connections(policy, privateAllowed, connectTimeout, readTimeout),
                connectTimeout, readTimeout).build();
    }

    /**
     * Connections whose host names resolve only through the address policy (the pinning resolver), with
     * {@code connectTimeout} to connect and {@code readTimeout} between two reads.
     */
    public static PoolingHttpClientConnectionManager connections(AddressPolicy policy, Predicate<String> privateAllowed,
                                                                 Duration connectTimeout, Duration readTimeout) {
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return policy.resolve(host, privateAllowed.test(host)).toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // never a second lookup: the name stays as the caller gave it
            }
        };
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(16)
                .build();
    }

    /**
     * Puts {@code connections} (from {@link #connections}) under {@code builder} and turns off what could lead a
     * call elsewhere or repeat it: redirects, automatic retries, cookies, cached credentials.
     */
    public static HttpClientBuilder configure(HttpClientBuilder builder, PoolingHttpClientConnectionManager connections,
                                              Duration connectTimeout, Duration readTimeout) {
        return builder
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setRedirectsEnabled(false)
                        .build());
    }
}
