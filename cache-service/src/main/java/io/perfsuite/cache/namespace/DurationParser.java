package io.perfsuite.cache.namespace;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Parses user-facing durations such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code 2d}.
 * <p>
 * Rules: one positive whole number followed by one lowercase unit ({@code ms}, {@code s}, {@code m}, {@code h},
 * {@code d}); surrounding whitespace is ignored. <b>A bare number is rejected</b>: {@code ttl=30} reads as seconds to
 * some people and milliseconds to others, so the unit is required. The result must fit in a {@code long} of
 * nanoseconds (at most {@value #MAX_DAYS}d, about 292 years) because downstream timers (Caffeine, Redis PX) work in
 * nanos or millis.
 */
public final class DurationParser {

    static final long MAX_DAYS = 106_751;
    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private DurationParser() {
    }

    /** Parses a TTL; failures say {@code ttl must be a positive duration like 30s, 5m or 1h ...}. */
    public static Duration parse(String text) {
        return parse("ttl", text);
    }

    /**
     * @param name what the value is, used as the subject of the error message (e.g. {@code maxTtl})
     * @throws IllegalArgumentException if {@code text} breaks the rules in the class comment
     */
    public static Duration parse(String name, String text) {
        if (text == null) {
            throw invalid(name, null);
        }
        String s = text.strip();
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits == s.length()) {
            throw invalid(name, text);
        }
        ChronoUnit unit = unit(s.substring(digits));
        if (unit == null) {
            throw invalid(name, text);
        }
        long amount;
        try {
            amount = Long.parseLong(s, 0, digits, 10);
        } catch (NumberFormatException e) {
            throw invalid(name, text);
        }
        if (amount == 0) {
            throw invalid(name, text);
        }
        Duration result;
        try {
            result = Duration.of(amount, unit);
        } catch (ArithmeticException e) {
            throw invalid(name, text);
        }
        if (result.compareTo(MAX) > 0) {
            throw invalid(name, text);
        }
        return result;
    }

    /** Inverse of {@link #parse}: the largest unit that represents {@code d} exactly, e.g. {@code 90s}, {@code 2h}. */
    public static String format(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("only positive durations can be formatted, got " + d);
        }
        if (d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(d + " has sub-millisecond precision");
        }
        long millis = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + names[i];
            }
        }
        return millis + "ms";
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> null;
        };
    }

    private static IllegalArgumentException invalid(String name, String text) {
        String shown = text == null ? "nothing" : "'" + text + "'";
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s must be a positive duration like 30s, 5m or 1h (a whole number and one of ms, s, m, h, d; "
                        + "at most %dd), but was %s",
                name, MAX_DAYS, shown));
    }
}
