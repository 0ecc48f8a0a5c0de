package io.courtside.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between the app and a server, for injecting network faults: it can slow traffic down (so a test can
 * act while a transfer is under way) and counts the bytes it has relayed each way. When the server goes away,
 * the relay passes that on: open connections break off, new ones are closed at once.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private volatile long bytesPerSecond; // 0: as fast as it goes
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final AtomicLong toServer = new AtomicLong();
    public final AtomicLong toClient = new AtomicLong();
    /** Connections the relay closed at once because the server was not there. */
    public final AtomicLong refused = new AtomicLong();

    public FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "fault-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                // Small buffers: little is in flight, so a cut loses what a crashed server's reset would.
                server.setReceiveBufferSize(32 * 1024);
                client.setSendBufferSize(32 * 1024);
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                } catch (IOException refused) {
                    client.setSoLinger(true, 0); // a reset, as a stopped server's port would give
                    client.close();
                    this.refused.incrementAndGet();
                    continue;
                }
                open.add(client);
                open.add(server);
                pump(client, server, toServer);
                pump(server, client, toClient);
            } catch (IOException e) {
                // listener closed
            }
        }
    }

    /**
     * Breaks every open connection at once with a reset, bytes in flight lost: what the app sees when the server
     * dies (stop it too, so new connections are refused).
     */
    public void cutAll() {
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closed already
            }
            closeQuietly(socket);
        }
        open.clear();
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    // counted before it is passed on: a reader that got the bytes must already see them counted
                    counter.addAndGet(n);
                    out.write(buffer, 0, n);
                    out.flush();
                    long rate = bytesPerSecond;
                    if (rate > 0) {
                        Thread.sleep(Math.max(1, n * 1000L / rate));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side went away
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
