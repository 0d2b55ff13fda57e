package io.perfsuite.loadbalancer.proxy;

import io.vertx.core.net.SocketAddress;

/**
 * Client addresses as text, remembered per event loop. {@code X-Forwarded-For} and {@code Forwarded} need the peer's
 * IP as text on every request, and {@code InetAddress.getHostAddress} builds a new String each time; a keep-alive
 * connection keeps one {@link SocketAddress} object for its life, so the text is looked up by that object's identity
 * in a small direct-mapped table (a collision just formats the address again).
 */
final class PeerAddresses {

    private static final int SLOTS = 256;

    // event-loop confined
    private final SocketAddress[] keys = new SocketAddress[SLOTS];
    private final String[] texts = new String[SLOTS];

    /** The IP address of {@code address} as text (IPv6 without brackets), or "unknown" when there is none. */
    String text(SocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        int slot = System.identityHashCode(address) & (SLOTS - 1);
        if (keys[slot] == address) {
            return texts[slot];
        }
        String text = address.hostAddress();
        if (text == null) {
            text = "unknown";
        }
        keys[slot] = address;
        texts[slot] = text;
        return text;
    }
}
