package io.perfsuite.cache.tier;

import java.util.List;

/**
 * How cache keys map to Redis keys. Values spread over the cluster ({@code ps:<ns>:k:<key>}); a namespace's tag
 * counters share one hash slot ({@code ps:{<ns>}:t:<tag>}) so they can be read with one MGET even on Redis Cluster.
 * Namespace names cannot contain ':' or braces, so a Redis key parses back unambiguously.
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** What every key starts with (then ':'); invalidation.Invalidation parses pushed keys back with it. */
    public String prefix() {
        return prefix;
    }

    public String value(String namespace, String key) {
        return prefix + ":" + namespace + ":k:" + key;
    }

    public String tag(String namespace, String tag) {
        return prefix + ":{" + namespace + "}:t:" + tag;
    }

    /**
     * The namespace's hot-key ranking (a sorted set). {@code _} cannot start a namespace name, so this lies outside
     * every tracking prefix: its frequent updates are not pushed to the replicas as invalidations.
     */
    public String hotKeys(String namespace) {
        return prefix + ":_hot:{" + namespace + "}";
    }

    /** Held by the replica that halves the ranking's scores, so that happens once per half-life, not once per replica. */
    public String hotKeysDecay(String namespace) {
        return prefix + ":_hot:{" + namespace + "}:decay";
    }

    /** A hash of warm-job progress by job id, readable by every replica. */
    public String warmJobs(String namespace) {
        return prefix + ":_warm:{" + namespace + "}";
    }

    /** The key prefixes whose changes a replica must hear about to keep its L1 coherent. */
    public List<String> trackingPrefixes(String namespace) {
        return List.of(prefix + ":" + namespace + ":", prefix + ":{" + namespace + "}:");
    }

    /** A SCAN MATCH pattern for every value key in the namespace starting with {@code keyPrefix}. */
    public String valuePattern(String namespace, String keyPrefix) {
        return value(namespace, escapeGlob(keyPrefix)) + "*";
    }

    private static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
