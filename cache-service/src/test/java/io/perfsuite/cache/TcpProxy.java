package io.perfsuite.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the service and Redis, so a test can break the network while Redis keeps its data: {@link #cut()}
 * resets every connection and refuses new ones (a partition that the client notices), {@link #silenceTracking()} lets
 * the connections that asked for {@code CLIENT TRACKING} stop forwarding without closing (a partition nobody
 * notices). Plain threads: a test fixture, a few connections at a time.
 */
public final class TcpProxy implements AutoCloseable {

    private static final byte[] TRACKING = "TRACKING".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        links.forEach(Link::reset);
    }

    /** Forwards again; connections silenced before stay silent (their client has to give up on them). */
    public void restore() {
        cut = false;
    }

    /** The open connections that subscribed to invalidations stop forwarding bytes either way, without closing. */
    public int silenceTracking() {
        int silenced = 0;
        for (Link link : links) {
            if (link.tracking) {
                link.silent = true;
                silenced++;
            }
        }
        return silenced;
    }

    /** How many open connections have subscribed to invalidations and still forward. */
    public long liveTrackingConnections() {
        return links.stream().filter(l -> l.tracking && !l.silent && !l.closed).count();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, like a peer that is gone
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private final class Link {
        private final Socket client;
        private final Socket upstream;
        volatile boolean tracking;
        volatile boolean silent;
        volatile boolean closed;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, true);
            pump(upstream, client, false);
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (fromClient && !tracking && contains(buffer, n, TRACKING)) {
                            tracking = true;
                        }
                        if (silent) {
                            continue; // swallowed: neither side hears anything, neither side is told
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (SocketException e) {
                    // reset by cut() or by a peer
                } catch (IOException e) {
                    // the other direction closes the link
                } finally {
                    if (silent) {
                        closed = true; // the client gave up on it; nothing reaches Redis, as in a real partition
                    } else {
                        reset();
                    }
                }
            }, "tcp-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            closed = true;
            links.remove(this);
            TcpProxy.reset(client);
            TcpProxy.reset(upstream);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
