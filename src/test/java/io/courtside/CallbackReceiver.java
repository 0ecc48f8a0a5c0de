package io.courtside;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that records every callback it receives; it can be told to fail first. */
public final class CallbackReceiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger slowLeft = new AtomicInteger();
    private volatile long slowMillis;

    public CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (slowLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try { // longer than the caller waits: it gives up, so this one does not count as received
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            if (status == 200) {
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // One thread per request: a slow answer does not hold back the next request behind it.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "callback-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The next {@code n} callbacks are answered with HTTP 500. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** The next {@code n} callbacks get no answer for {@code millis} (then HTTP 503): the sender times out. */
    public void slowNext(int n, long millis) {
        slowMillis = millis;
        slowLeft.set(n);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
