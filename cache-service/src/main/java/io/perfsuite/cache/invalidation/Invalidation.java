package io.perfsuite.cache.invalidation;

import java.util.Optional;

/**
 * What one key named by an invalidation push asks of L1, from the service's Redis key layout ({@code <prefix>:<ns>:k:<key>}
 * for values, {@code <prefix>:{<ns>}:t:<tag>} for tag counters; namespace names hold no ':' or braces, so a key
 * parses back unambiguously). A key outside the layout asks nothing.
 */
public sealed interface Invalidation {

    /** A value changed: drop this replica's copy. */
    record DropValue(String namespace, String key) implements Invalidation {
    }

    /**
     * A tag moved on: forget its known version, so entries stored with the old one fail their next check. The
     * namespace's epoch moves first, so a read in flight cannot remember the old version again.
     */
    record ForgetTag(String namespace, String tag) implements Invalidation {
    }

    static Optional<Invalidation> forKey(String prefix, String redisKey) {
        if (!redisKey.startsWith(prefix) || redisKey.length() <= prefix.length() || redisKey.charAt(prefix.length()) != ':') {
            return Optional.empty();
        }
        String rest = redisKey.substring(prefix.length() + 1);
        if (rest.startsWith("{")) {
            int close = rest.indexOf("}:t:");
            return close < 0
                    ? Optional.empty()
                    : Optional.of(new ForgetTag(rest.substring(1, close), rest.substring(close + 4)));
        }
        int sep = rest.indexOf(":k:");
        return sep < 0 ? Optional.empty() : Optional.of(new DropValue(rest.substring(0, sep), rest.substring(sep + 3)));
    }
}
