package io.perfsuite.loadbalancer.proxy;

import java.util.List;

import io.perfsuite.loadbalancer.config.LoadBalancerConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The TLS port's server options: the proxy port's (limits, timeouts, no compression, no tracing) plus the PEM
 * certificate and ALPN offering h2 first, then http/1.1. A client that offers no ALPN gets HTTP/1.1, which then runs
 * through the same framing guard as the plain port.
 */
final class TlsListener {

    private TlsListener() {
    }

    static HttpServerOptions options(HttpServerOptions plain, int port, LoadBalancerConfig.Tls tls) {
        return new HttpServerOptions(plain)
                .setPort(port)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.certPath().orElseThrow().toString())
                        .setKeyPath(tls.keyPath().orElseThrow().toString()))
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
}
