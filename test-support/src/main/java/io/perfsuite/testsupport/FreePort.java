package io.perfsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds free TCP ports on the loopback interface, where every test server listens. */
public final class FreePort {

    public static final String LOOPBACK_HOST = "127.0.0.1";

    private static final int MAX_ATTEMPTS = 50;

    // Servers keep their port across stop/start, so a port handed out once must never be handed out again,
    // even while its server is stopped and the port looks free.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A port that is free on 127.0.0.1 right now and was not handed out before in this JVM. */
    public static int find() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = bindEphemeralPort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new TestServerException("No unused free port on " + LOOPBACK_HOST + " after " + MAX_ATTEMPTS + " attempts");
    }

    private static int bindEphemeralPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind an ephemeral port on " + LOOPBACK_HOST, e);
        }
    }
}
