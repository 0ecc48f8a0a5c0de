package io.courtside.notify;

import io.courtside.egress.AddressPolicy;
import io.courtside.egress.PinnedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The HttpClient 5 under the callback's camel-http endpoint in routes/80-notify.camel.yaml
 * ({@code httpClientConfigurer=#callbackHttp}): connections through the pinning resolver of {@link PinnedHttp} (the
 * host is resolved and checked in the connection, which goes to exactly the checked addresses; a non-public address
 * of a host not in {@code allowed-private-hosts} ends the try before anything is sent), no redirects, no automatic
 * retries, {@code timeout} to connect and between reads. Around every exchange: a {@code deadline} for the whole try,
 * connect to last byte (a timer drops the connection when it passes, so a receiver that trickles its answer is cut
 * off too: {@link DeadlinePassed}), and an answer read to at most {@code max-answer-bytes} (one byte more drops the
 * connection: {@link AnswerTooLarge}).
 */
@Component("callbackHttp")
public class CallbackHttp implements HttpClientConfigurer, DisposableBean {

    private final PoolingHttpClientConnectionManager connections;
    private final Duration perStep;
    private final Duration deadline;
    private final long maxAnswerBytes;
    private final ScheduledThreadPoolExecutor deadlines;

    public CallbackHttp(AddressPolicy addressPolicy, CallbackProperties settings) {
        this.deadline = settings.deadline() == null ? Duration.ofSeconds(10) : settings.deadline();
        this.maxAnswerBytes = settings.maxAnswerBytes() == null ? 64 * 1024 : settings.maxAnswerBytes().toBytes();
        this.perStep = settings.timeout().compareTo(deadline) < 0 ? settings.timeout() : deadline;
        this.connections = PinnedHttp.connections(addressPolicy,
                host -> AddressPolicy.hostMatches(host, settings.allowedPrivateHosts()), perStep, perStep);
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "callback-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        PinnedHttp.configure(builder, connections, perStep, perStep)
                .addExecInterceptorFirst("courtside-deadline-and-cap", new DeadlineAndCap());
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        connections.close();
    }

    /** No complete answer within {@code courtside.callbacks.deadline}. */
    public static class DeadlinePassed extends InterruptedIOException {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    /** A receiver's answer longer than {@code courtside.callbacks.max-answer-bytes}. */
    public static class AnswerTooLarge extends IOException {
        private final int status;

        AnswerTooLarge(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final class DeadlineAndCap implements ExecChainHandler {

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
                throws IOException, HttpException {
            AtomicBoolean expired = new AtomicBoolean();
            Runnable dropConnection = () -> {
                if (scope.originalRequest instanceof Cancellable cancellable) {
                    cancellable.cancel();
                }
                scope.execRuntime.discardEndpoint(); // closes the socket: a blocked connect or read ends with an IOException
            };
            ScheduledFuture<?> timer = deadlines.schedule(() -> {
                expired.set(true);
                dropConnection.run();
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ClassicHttpResponse response = chain.proceed(request, scope);
                HttpEntity entity = response.getEntity();
                if (entity == null) {
                    timer.cancel(false);
                } else {
                    response.setEntity(new Capped(entity, response.getCode(), timer, expired, dropConnection));
                }
                return response;
            } catch (IOException e) {
                timer.cancel(false);
                throw expired.get() ? passed(e) : e;
            } catch (RuntimeException | HttpException e) {
                timer.cancel(false);
                throw e;
            }
        }
    }

    private IOException passed(Exception cause) {
        IOException passed = new DeadlinePassed("no complete answer within " + deadline.toMillis()
                + " ms (courtside.callbacks.deadline)");
        passed.initCause(cause);
        return passed;
    }

    /** The answer, read through a counter that stops one byte over the cap and a deadline that is let go at its end. */
    private final class Capped extends HttpEntityWrapper {
        private final int status;
        private final ScheduledFuture<?> timer;
        private final AtomicBoolean expired;
        private final Runnable dropConnection;

        Capped(HttpEntity entity, int status, ScheduledFuture<?> timer, AtomicBoolean expired, Runnable dropConnection) {
            super(entity);
            this.status = status;
            this.timer = timer;
            this.expired = expired;
            this.dropConnection = dropConnection;
        }

        @Override
        public InputStream getContent() throws IOException {
            InputStream in = super.getContent();
            return new InputStream() {
                long read;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n;
                    try {
                        n = in.read(b, off, (int) Math.min(len, maxAnswerBytes + 1 - read));
                    } catch (IOException e) {
                        timer.cancel(false);
                        throw expired.get() ? passed(e) : e;
                    }
                    if (n == -1) {
                        timer.cancel(false);
                        return -1;
                    }
                    read += n;
                    if (read > maxAnswerBytes) {
                        timer.cancel(false);
                        dropConnection.run(); // closing the answer must not read on
                        throw new AnswerTooLarge(status, "HTTP " + status + " with an answer over " + maxAnswerBytes
                                + " bytes (courtside.callbacks.max-answer-bytes)");
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    timer.cancel(false);
                    in.close();
                }
            };
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }
    }
}
