package io.courtside;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' one HTTP server: real, on loopback. It records every request (and, apart, every callback it answered
 * 200); it can be scripted to answer a path (or every path) with a status, headers and a body (a media file, a
 * photo, a redirect), told to fail first, to hold requests open, to stall past the sender's timeout, or to answer
 * some paths with an endless body (as fast as it goes, or one byte a second).
 */
public final class CallbackReceiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer: status, headers and a body made for each request (read again each time, e.g. a file). */
    public record Answer(int status, Map<String, String> headers, java.util.concurrent.Callable<byte[]> body) {
        public static Answer ok(byte[] body) {
            return new Answer(200, Map.of(), () -> body);
        }

        public static Answer file(java.nio.file.Path file) {
            return new Answer(200, Map.of(), () -> java.nio.file.Files.readAllBytes(file));
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), () -> new byte[0]);
        }

        public static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), () -> new byte[0]);
        }
    }

    private final HttpServer server;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Answer answerToAll;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger slowLeft = new AtomicInteger();
    private volatile long slowMillis;
    private final AtomicInteger holdLeft = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final Map<String, Endless> endless = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<CutOff> cutOffs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** How an endless answer is sent: 8 KB at a time as fast as the client reads, or one byte each second. */
    public enum Endless { STREAM, TRICKLE }

    /** An endless answer the client ended (closed the connection), and how long after the request arrived. */
    public record CutOff(String path, long afterMillis, long bytesSent) {
    }

    public CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            arrived.add(path);
            requests.add(new Received(path, exchange.getRequestHeaders(), body));
            Endless mode = endless.get(path);
            if (mode != null) {
                answerEndlessly(exchange, path, mode);
                return;
            }
            Answer scripted = answers.getOrDefault(path, answerToAll);
            if (scripted != null) {
                answer(exchange, scripted);
                return;
            }
            if (holdLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try { // held open until released (the sender may die meanwhile): never counts as received
                    held.await(5, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    exchange.sendResponseHeaders(503, -1);
                } catch (IOException gone) {
                    // the sender is gone
                }
                exchange.close();
                return;
            }
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

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            byte[] body = answer.body().call();
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Every request to {@code path} gets {@code answer} (before any fail/hold/slow scripting). */
    public CallbackReceiver answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Every request to a path without an answer of its own gets {@code answer}. */
    public CallbackReceiver answerAll(Answer answer) {
        answerToAll = answer;
        return this;
    }

    /** Every request that arrived, whatever it was answered, in order. */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    private void answerEndlessly(com.sun.net.httpserver.HttpExchange exchange, String path, Endless mode) {
        long start = System.nanoTime();
        long sent = 0;
        try {
            exchange.sendResponseHeaders(200, 0); // chunked: no length, no end
            var out = exchange.getResponseBody();
            byte[] chunk = new byte[mode == Endless.STREAM ? 8192 : 1];
            java.util.Arrays.fill(chunk, (byte) 'x');
            while (!closed) {
                out.write(chunk);
                out.flush();
                sent += chunk.length;
                if (mode == Endless.TRICKLE) {
                    Thread.sleep(1000);
                }
            }
        } catch (IOException e) {
            cutOffs.add(new CutOff(path, (System.nanoTime() - start) / 1_000_000, sent));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Every request to {@code path} is answered 200 with a body that never ends. */
    public void answerEndlessly(String path, Endless mode) {
        endless.put(path, mode);
    }

    /** The next {@code n} callbacks are held open, unanswered, until {@link #releaseHeld()} (then HTTP 503). */
    public void holdNext(int n) {
        held = new java.util.concurrent.CountDownLatch(1);
        holdLeft.set(n);
    }

    public void releaseHeld() {
        held.countDown();
    }

    /** Requests that reached {@code path}, whatever they were answered. */
    public long arrivedAt(String path) {
        return arrived.stream().filter(path::equals).count();
    }

    /** Endless answers to {@code path} the client cut off, in order. */
    public List<CutOff> cutOffsAt(String path) {
        return cutOffs.stream().filter(c -> c.path().equals(path)).toList();
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
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * Waits up to {@code within} for the first callback at {@code path}, then watches {@code quiet} long that no
     * second one arrives (failing the moment one does); returns the one.
     */
    public Received awaitOnlyOne(String path, Duration within, Duration quiet) {
        org.awaitility.Awaitility.await("a callback at " + path).atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> !receivedAt(path).isEmpty());
        org.awaitility.Awaitility.await("no second callback at " + path).during(quiet)
                .atMost(quiet.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> receivedAt(path).size() == 1);
        return receivedAt(path).get(0);
    }

    @Override
    public void close() {
        closed = true;
        releaseHeld();
        server.stop(0);
    }
}
