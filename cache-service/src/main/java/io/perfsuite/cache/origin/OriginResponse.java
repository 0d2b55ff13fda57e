package io.perfsuite.cache.origin;

import io.perfsuite.cache.freshness.CacheControl;

/** What the origin answered for one key. {@code found} false means a 404. */
public record OriginResponse(boolean found, byte[] body, String contentType, CacheControl cacheControl) {

    public static OriginResponse notFound() {
        return new OriginResponse(false, new byte[0], "application/octet-stream", CacheControl.NONE);
    }
}
