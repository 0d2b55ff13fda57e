package io.perfsuite.cache.tier;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's copy of the tag version counters kept in Redis. Invalidation messages for a tag key drop the copy, so
 * the next read fetches the new version: checking an L1 entry's tags costs no round trip while nothing changes.
 */
public class TagVersionCache {

    private final Map<String, Map<String, Long>> versions = new ConcurrentHashMap<>();

    /** The known versions of {@code tags}; tags missing from the result must be fetched. */
    public Map<String, Long> known(String namespace, Collection<String> tags) {
        Map<String, Long> ns = versions.get(namespace);
        Map<String, Long> found = new HashMap<>();
        if (ns != null) {
            for (String tag : tags) {
                Long v = ns.get(tag);
                if (v != null) {
                    found.put(tag, v);
                }
            }
        }
        return found;
    }

    public void remember(String namespace, Map<String, Long> tagVersions) {
        versions.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>()).putAll(tagVersions);
    }

    public void forget(String namespace, String tag) {
        Map<String, Long> ns = versions.get(namespace);
        if (ns != null) {
            ns.remove(tag);
        }
    }

    public void forgetAll() {
        versions.clear();
    }

}
