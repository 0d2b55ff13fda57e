package io.perfsuite.loadbalancer.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS port's settings that only make sense together, checked at start-up next to the per-property constraints
 * ({@link ReadableFile}): a port without a certificate and key could not listen, and a certificate without a port
 * would serve nothing while looking configured.
 */
public final class ProxyTlsRules {

    public static final String PORT = "lb.proxy.tls-port";
    public static final String CERT = "lb.proxy.tls.cert-path";
    public static final String KEY = "lb.proxy.tls.key-path";

    private ProxyTlsRules() {
    }

    public static List<ConfigError> check(LoadBalancerConfig.Proxy proxy) {
        return check(proxy.tlsPort().isPresent(), proxy.tls().certPath().isPresent(),
                proxy.tls().keyPath().isPresent());
    }

    static List<ConfigError> check(boolean port, boolean cert, boolean key) {
        List<ConfigError> errors = new ArrayList<>();
        if (port && !cert) {
            errors.add(new ConfigError(CERT, "required", "must be set when " + PORT + " is"));
        }
        if (port && !key) {
            errors.add(new ConfigError(KEY, "required", "must be set when " + PORT + " is"));
        }
        if (!port && (cert || key)) {
            errors.add(new ConfigError(PORT, "required",
                    "must be set when " + CERT + " or " + KEY + " is (the certificate would serve nothing)"));
        }
        return errors;
    }
}
