package io.perfsuite.loadbalancer.proxy;

import java.util.function.BiConsumer;

import io.netty.util.AsciiString;

/**
 * What the proxy tells a backend about the client. {@code X-Forwarded-For} and {@code Forwarded} (RFC 7239) are
 * appended to what earlier proxies wrote, so the chain survives; {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} describe this hop only and are replaced.
 */
public final class ForwardedHeaders {

    // built once, so a header map hashes each name once in the process, not once per request
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString FORWARDED = AsciiString.cached("Forwarded");
    /** RFC 9110 tchar, by ASCII code. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private ForwardedHeaders() {
    }

    /**
     * @param clientAddress the peer's IP address as text (IPv6 without brackets)
     * @param proto {@code http} or {@code https}, as the client reached the proxy
     * @param host the client's Host (or HTTP/2 :authority), may be null
     * @param priorForwardedFor the X-Forwarded-For values the client sent, joined with ", ", or null
     * @param priorForwarded the Forwarded values the client sent, joined with ", ", or null
     */
    public static void write(String clientAddress, String proto, String host, String priorForwardedFor,
            String priorForwarded, BiConsumer<? super CharSequence, ? super String> sink) {
        write(clientAddress, proto, host, forwardedElement(clientAddress, proto, host), priorForwardedFor,
                priorForwarded, sink);
    }

    /**
     * The same with this hop's forwarded-element already built by {@link #forwardedElement}, for a caller that keeps
     * it for the life of a connection.
     */
    static void write(String clientAddress, String proto, String host, String element, String priorForwardedFor,
            String priorForwarded, BiConsumer<? super CharSequence, ? super String> sink) {
        sink.accept(X_FORWARDED_FOR, isBlank(priorForwardedFor) ? clientAddress : priorForwardedFor + ", " + clientAddress);
        sink.accept(X_FORWARDED_PROTO, proto);
        if (host != null) {
            sink.accept(X_FORWARDED_HOST, host);
        }
        sink.accept(FORWARDED, isBlank(priorForwarded) ? element : priorForwarded + ", " + element);
    }

    /** One RFC 7239 forwarded-element: {@code for=...;proto=...;host=...}. */
    static String forwardedElement(String clientAddress, String proto, String host) {
        StringBuilder element = new StringBuilder(64).append("for=");
        if (clientAddress.indexOf(':') >= 0) {
            // section 6: an IPv6 node is bracketed, and the brackets and colons force a quoted-string
            element.append("\"[").append(clientAddress).append("]\"");
        } else {
            element.append(clientAddress);
        }
        element.append(";proto=").append(proto);
        if (host != null) {
            element.append(";host=");
            appendValue(element, host);
        }
        return element.toString();
    }

    /** A token if it is one (RFC 9110 tchar), a quoted-string otherwise (a host with a port has a colon). */
    private static void appendValue(StringBuilder into, String value) {
        if (isToken(value)) {
            into.append(value);
            return;
        }
        into.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                into.append('\\');
            }
            into.append(c);
        }
        into.append('"');
    }

    private static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= TCHAR.length || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
