package io.perfsuite.cache.tier;

/** L2 is down or its circuit is open: callers degrade to L1 and the origin instead of failing. */
public class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
