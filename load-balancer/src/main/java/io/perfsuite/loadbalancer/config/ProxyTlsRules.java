package io.perfsuite.loadbalancer.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The TLS port's settings, checked at start-up so a wrong mount fails there with the property's name, not on the
 * first handshake: a port without a certificate and key could not listen, a certificate without a port would serve
 * nothing while looking configured, and a path must name a file the process can read.
 */
public final class ProxyTlsRules {

    public static final String PORT = "lb.proxy.tls-port";
    public static final String CERT = "lb.proxy.tls.cert-path";
    public static final String KEY = "lb.proxy.tls.key-path";

    private ProxyTlsRules() {
    }

    public static List<ConfigError> check(LoadBalancerConfig.Proxy proxy) {
        return check(proxy.tlsPort().isPresent(), proxy.tls().certPath(), proxy.tls().keyPath(),
                path -> Files.isRegularFile(path) && Files.isReadable(path));
    }

    static List<ConfigError> check(boolean port, Optional<Path> cert, Optional<Path> key, Predicate<Path> readable) {
        List<ConfigError> errors = new ArrayList<>();
        if (port && cert.isEmpty()) {
            errors.add(new ConfigError(CERT, "required", "must be set when " + PORT + " is"));
        }
        if (port && key.isEmpty()) {
            errors.add(new ConfigError(KEY, "required", "must be set when " + PORT + " is"));
        }
        if (!port && (cert.isPresent() || key.isPresent())) {
            errors.add(new ConfigError(PORT, "required",
                    "must be set when " + CERT + " or " + KEY + " is (the certificate would serve nothing)"));
        }
        readableFile(CERT, cert, readable, errors);
        readableFile(KEY, key, readable, errors);
        return errors;
    }

    private static void readableFile(String property, Optional<Path> path, Predicate<Path> readable,
            List<ConfigError> errors) {
        path.filter(readable.negate()).ifPresent(p -> errors.add(
                new ConfigError(property, "readable-file", "must be a readable file, was " + p)));
    }
}
