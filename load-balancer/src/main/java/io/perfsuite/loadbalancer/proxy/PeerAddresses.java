package io.perfsuite.loadbalancer.proxy;

import java.util.Objects;

import io.vertx.core.net.SocketAddress;

/**
 * Client addresses as text, and this hop's RFC 7239 forwarded-element, remembered per event loop. {@code
 * X-Forwarded-For} and {@code Forwarded} need them on every request, and {@code InetAddress.getHostAddress} and the
 * element's builder make new Strings each time; a keep-alive connection keeps one {@link SocketAddress} object for
 * its life, so both are looked up by that object's identity in a small direct-mapped table (a collision just builds
 * them again).
 */
final class PeerAddresses {

    private static final int SLOTS = 256;

    // event-loop confined
    private final SocketAddress[] keys = new SocketAddress[SLOTS];
    private final String[] texts = new String[SLOTS];
    private final String[] protos = new String[SLOTS];
    private final String[] hosts = new String[SLOTS];
    private final String[] elements = new String[SLOTS];

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
        elements[slot] = null;
        return text;
    }

    /** {@code for=...;proto=...;host=...} for a request from {@code address}; the same String while nothing changes. */
    String forwardedElement(SocketAddress address, String proto, String host) {
        String text = text(address);
        if (address == null) {
            return ForwardedHeaders.forwardedElement(text, proto, host);
        }
        int slot = System.identityHashCode(address) & (SLOTS - 1);
        String element = elements[slot];
        if (element != null && proto.equals(protos[slot]) && Objects.equals(host, hosts[slot])) {
            return element;
        }
        element = ForwardedHeaders.forwardedElement(text, proto, host);
        protos[slot] = proto;
        hosts[slot] = host;
        elements[slot] = element;
        return element;
    }
}
