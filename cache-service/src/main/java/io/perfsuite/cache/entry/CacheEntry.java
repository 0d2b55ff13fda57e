package io.perfsuite.cache.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One cached value with everything needed to decide how it may be served.
 * <p>
 * <b>The value array is shared, not copied</b> (reads are the hot path): callers must treat {@link #value()} and the
 * array they pass in as immutable once the entry exists. {@code tagVersions} is copied into an immutable map.
 * Timestamps must satisfy {@code storedAt <= freshUntil <= staleUntil} and {@code freshUntil <= staleIfErrorUntil}.
 * A {@code null} etag is replaced by {@link StrongETag#of(byte[]) the value's strong ETag}; a non-null one is trusted
 * as is (the codec passes the stored one so decoding does not rehash).
 *
 * @param value the body bytes (shared; do not mutate)
 * @param contentType media type of the value, e.g. {@code application/json}
 * @param storedAt when the value was stored
 * @param freshUntil end of freshness: served without any origin contact before this
 * @param staleUntil end of the stale-while-revalidate window
 * @param staleIfErrorUntil end of the stale-if-error window
 * @param computeTime how long the origin load took (the XFetch delta); {@link Duration#ZERO} for PUT values
 * @param tagVersions tag to tag-version counter at store time; the entry is invalid once any counter moved on
 * @param etag strong, quoted ETag of the value
 */
public record CacheEntry(byte[] value, String contentType, Instant storedAt, Instant freshUntil, Instant staleUntil,
        Instant staleIfErrorUntil, Duration computeTime, Map<String, Long> tagVersions, String etag) {

    // Object headers, the four Instants, the Duration, the map and array headers: measured roughly on a 64-bit JVM
    // with compressed oops; an estimate is enough for a byte-bounded L1.
    static final int FIXED_OVERHEAD_BYTES = 200;
    static final int PER_TAG_OVERHEAD_BYTES = 48;

    public CacheEntry {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(freshUntil, "freshUntil");
        Objects.requireNonNull(staleUntil, "staleUntil");
        Objects.requireNonNull(staleIfErrorUntil, "staleIfErrorUntil");
        Objects.requireNonNull(computeTime, "computeTime");
        Objects.requireNonNull(tagVersions, "tagVersions");
        if (freshUntil.isBefore(storedAt)) {
            throw new IllegalArgumentException("freshUntil " + freshUntil + " is before storedAt " + storedAt);
        }
        if (staleUntil.isBefore(freshUntil)) {
            throw new IllegalArgumentException("staleUntil " + staleUntil + " is before freshUntil " + freshUntil);
        }
        if (staleIfErrorUntil.isBefore(freshUntil)) {
            throw new IllegalArgumentException(
                    "staleIfErrorUntil " + staleIfErrorUntil + " is before freshUntil " + freshUntil);
        }
        if (computeTime.isNegative()) {
            throw new IllegalArgumentException("computeTime must not be negative but was " + computeTime);
        }
        tagVersions = Map.copyOf(tagVersions);
        if (etag == null) {
            etag = StrongETag.of(value);
        }
    }

    /** Starts a builder; only {@code freshUntil} is required besides these. */
    public static Builder builder(byte[] value, String contentType, Instant storedAt) {
        return new Builder(value, contentType, storedAt);
    }

    /**
     * Approximate retained size in bytes, for a byte-bounded L1 weigher: value length, content type, etag, tags and a
     * fixed overhead. Does not include the cache key, which the L1 adapter weighs itself.
     */
    public int weight() {
        long bytes = FIXED_OVERHEAD_BYTES + (long) value.length + contentType.length() + etag.length();
        for (String tag : tagVersions.keySet()) {
            bytes += PER_TAG_OVERHEAD_BYTES + tag.length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Time since the value was stored; never negative (replica clocks may disagree slightly). */
    public Duration age(Instant now) {
        return nonNegative(Duration.between(storedAt, now));
    }

    /** Remaining freshness; {@link Duration#ZERO} once the entry is no longer fresh. */
    public Duration ttl(Instant now) {
        return nonNegative(Duration.between(now, freshUntil));
    }

    /** The instant after which the entry is useless for any purpose (what an L2 key expiry should be set to). */
    public Instant retainUntil() {
        return staleUntil.isAfter(staleIfErrorUntil) ? staleUntil : staleIfErrorUntil;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheEntry other
                && Arrays.equals(value, other.value)
                && contentType.equals(other.contentType)
                && storedAt.equals(other.storedAt)
                && freshUntil.equals(other.freshUntil)
                && staleUntil.equals(other.staleUntil)
                && staleIfErrorUntil.equals(other.staleIfErrorUntil)
                && computeTime.equals(other.computeTime)
                && tagVersions.equals(other.tagVersions)
                && etag.equals(other.etag);
    }

    @Override
    public int hashCode() {
        // The etag already summarises the value; hashing the array again would be wasted work.
        return Objects.hash(etag, contentType, storedAt, freshUntil, staleUntil, staleIfErrorUntil, computeTime,
                tagVersions);
    }

    @Override
    public String toString() {
        return "CacheEntry[" + value.length + " bytes, contentType=" + contentType + ", storedAt=" + storedAt
                + ", freshUntil=" + freshUntil + ", staleUntil=" + staleUntil + ", staleIfErrorUntil="
                + staleIfErrorUntil + ", computeTime=" + computeTime + ", tagVersions=" + tagVersions + ", etag="
                + etag + "]";
    }

    /** Names every instant so call sites cannot swap them; unset stale windows default to none. */
    public static final class Builder {
        private final byte[] value;
        private final String contentType;
        private final Instant storedAt;
        private Instant freshUntil;
        private Instant staleUntil;
        private Instant staleIfErrorUntil;
        private Duration computeTime = Duration.ZERO;
        private Map<String, Long> tagVersions = Map.of();
        private String etag;

        private Builder(byte[] value, String contentType, Instant storedAt) {
            this.value = value;
            this.contentType = contentType;
            this.storedAt = storedAt;
        }

        public Builder freshUntil(Instant freshUntil) {
            this.freshUntil = freshUntil;
            return this;
        }

        public Builder staleUntil(Instant staleUntil) {
            this.staleUntil = staleUntil;
            return this;
        }

        public Builder staleIfErrorUntil(Instant staleIfErrorUntil) {
            this.staleIfErrorUntil = staleIfErrorUntil;
            return this;
        }

        public Builder computeTime(Duration computeTime) {
            this.computeTime = computeTime;
            return this;
        }

        public Builder tagVersions(Map<String, Long> tagVersions) {
            this.tagVersions = tagVersions;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public CacheEntry build() {
            Objects.requireNonNull(freshUntil, "freshUntil");
            return new CacheEntry(value, contentType, storedAt, freshUntil,
                    staleUntil == null ? freshUntil : staleUntil,
                    staleIfErrorUntil == null ? freshUntil : staleIfErrorUntil, computeTime, tagVersions, etag);
        }
    }
}
