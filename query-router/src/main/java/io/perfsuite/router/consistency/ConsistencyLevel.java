package io.perfsuite.router.consistency;

import java.util.Locale;
import java.util.Optional;

/** How fresh a read must be. */
public enum ConsistencyLevel {
    /** Any healthy replica in rotation; the primary if none. */
    EVENTUAL,
    /** Only replicas whose lag is within the request's maxStalenessMs; else the primary. */
    BOUNDED,
    /** Always the primary. */
    STRONG,
    /** A replica that has replayed the client's token, after a bounded wait; else the primary. */
    READ_YOUR_WRITES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ConsistencyLevel> fromWire(String text) {
        for (ConsistencyLevel level : values()) {
            if (level.wireName().equals(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
