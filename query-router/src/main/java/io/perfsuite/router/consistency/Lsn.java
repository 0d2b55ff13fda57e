package io.perfsuite.router.consistency;

/** A PostgreSQL WAL position ({@code pg_lsn}), written {@code XXXXXXXX/XXXXXXXX} in hex. */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn ZERO = new Lsn(0);

    /** Parses PostgreSQL's text form; throws {@link IllegalArgumentException} on anything else. */
    public static Lsn parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn((high << 32) | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a WAL position: " + text, e);
        }
    }

    public boolean isAtLeast(Lsn other) {
        return Long.compareUnsigned(value, other.value) >= 0;
    }

    /** Bytes from {@code other} up to this position, zero when this one is behind. */
    public long bytesAfter(Lsn other) {
        return Long.compareUnsigned(value, other.value) <= 0 ? 0 : value - other.value;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
