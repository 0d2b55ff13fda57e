package io.perfsuite.loadbalancer.upstream;

import java.net.URI;

/** One upstream server. */
public record Backend(String host, int port, boolean tls) {

    public static Backend of(URI uri) {
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        return new Backend(uri.getHost(), port, tls);
    }

    public String authority() {
        return host + ":" + port;
    }
}
