package io.perfsuite.loadbalancer.proxy;

import java.util.function.BiConsumer;

/**
 * What the proxy tells a backend about the client. {@code X-Forwarded-For} and {@code Forwarded} (RFC 7239) are
 * appended to what earlier proxies wrote, so the chain survives; {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} describe this hop only and are replaced.
 */
public final class ForwardedHeaders {

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
            String priorForwarded, BiConsumer<String, String> sink) {
        sink.accept("X-Forwarded-For", isBlank(priorForwardedFor) ? clientAddress : priorForwardedFor + ", " + clientAddress);
        sink.accept("X-Forwarded-Proto", proto);
        if (host != null) {
            sink.accept("X-Forwarded-Host", host);
        }
        String element = forwardedElement(clientAddress, proto, host);
        sink.accept("Forwarded", isBlank(priorForwarded) ? element : priorForwarded + ", " + element);
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
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
