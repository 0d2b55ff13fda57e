package io.perfsuite.cache.tiering;

import java.util.Map;

/**
 * Whether an entry's tags still have the versions it was stored with. Tags are lazy version counters: invalidating
 * one moves its counter, and every entry that saw the old version is invalid from then on.
 */
public enum TagCheck {
    /** Every tag still has the version the entry saw (or the entry has none). */
    CURRENT,
    /** Some tag moved on: the entry is invalid. */
    MOVED,
    /** Some tag's version is not known here: read the versions from Redis and decide with {@link #current}. */
    UNKNOWN;

    /**
     * @param stored the versions the entry was stored with
     * @param known the versions this replica knows, for some or all of those tags
     */
    public static TagCheck of(Map<String, Long> stored, Map<String, Long> known) {
        if (stored.isEmpty()) {
            return CURRENT;
        }
        for (String tag : stored.keySet()) {
            if (!known.containsKey(tag)) {
                return UNKNOWN;
            }
        }
        return current(stored, known) ? CURRENT : MOVED;
    }

    /** Against versions read from Redis, where a tag never invalidated is version 0. */
    public static boolean current(Map<String, Long> stored, Map<String, Long> now) {
        for (Map.Entry<String, Long> tag : stored.entrySet()) {
            if (!tag.getValue().equals(now.getOrDefault(tag.getKey(), 0L))) {
                return false;
            }
        }
        return true;
    }
}
