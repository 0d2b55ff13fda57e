package io.perfsuite.cache.entry;

/**
 * Bytes read from L2 are not a valid encoded entry (truncated, garbage, unknown format version). The caller should
 * treat the key as a miss and delete it.
 */
public final class CorruptEntryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptEntryException(String message) {
        super(message);
    }

    public CorruptEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
