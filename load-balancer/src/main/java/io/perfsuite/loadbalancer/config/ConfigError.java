package io.perfsuite.loadbalancer.config;

/**
 * One broken rule in the proxy's configuration file.
 *
 * @param field the path inside the file, e.g. {@code pools[0].backends[1].url}
 * @param rule a short stable name for the rule ({@code required}, {@code http-url}, {@code unknown-pool}...)
 */
public record ConfigError(String field, String rule, String message) {

    @Override
    public String toString() {
        return field + ": " + message + " (" + rule + ")";
    }
}
