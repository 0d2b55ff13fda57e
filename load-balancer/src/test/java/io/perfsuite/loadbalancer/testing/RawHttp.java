package io.perfsuite.loadbalancer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written byte for byte, for what a well-behaved client cannot send (smuggling, broken framing). */
public final class RawHttp implements AutoCloseable {

    /**
     * A POST framed by both Content-Length and chunked, with a {@code GET /smuggled} behind its chunked end: a proxy
     * that honours one framing and a backend the other would disagree on where the second request starts.
     */
    public static final String CL_TE_SMUGGLING = """
            POST /echo HTTP/1.1\r
            Host: a\r
            Content-Length: 4\r
            Transfer-Encoding: chunked\r
            \r
            0\r
            \r
            GET /smuggled HTTP/1.1\r
            Host: a\r
            \r
            """;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    public RawHttp(int port) {
        this(plain(port));
    }

    /** Over a socket the caller opened, e.g. a TLS one. */
    public RawHttp(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket plain(int port) {
        try {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request and returns everything the proxy answers until it closes or goes quiet. */
    public static String exchange(int port, String request) {
        return exchange(plain(port), request);
    }

    /** {@link #exchange(int, String)} over {@code socket}. */
    public static String exchange(Socket socket, String request) {
        try (RawHttp http = new RawHttp(socket)) {
            http.send(request);
            return http.readUntilQuiet(1500);
        }
    }

    public RawHttp send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until {@code marker} has arrived (or fails after the socket timeout); returns all read so far. */
    public String readUntil(String marker) {
        try {
            byte[] buffer = new byte[8192];
            while (!received.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the connection closes or nothing arrives for {@code quietMillis}. */
    public String readUntilQuiet(int quietMillis) {
        try {
            socket.setSoTimeout(quietMillis);
            byte[] buffer = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
