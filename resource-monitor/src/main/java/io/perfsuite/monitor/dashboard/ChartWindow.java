package io.perfsuite.monitor.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;

/**
 * The time span and resolution of one chart, from the page's {@code range} and {@code step}, ending at {@code now}.
 * Bounded so one request can never ask Prometheus for more than {@link #MAX_POINTS} points per series (its own limit
 * is 11,000) or look further back than {@link #MAX_RANGE}.
 */
public record ChartWindow(Instant start, Instant end, Duration step) {

    public static final Duration DEFAULT_RANGE = Duration.ofMinutes(15);
    public static final Duration MAX_RANGE = Duration.ofDays(7);
    public static final int MAX_POINTS = 2_000;
    /** Points a chart gets when the page names no step. */
    static final int DEFAULT_POINTS = 180;

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern
            .compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** A bad {@code range} or {@code step}, with the field and the rule it broke. */
    public static final class InvalidWindow extends RuntimeException {
        private final String field;
        private final String rule;

        InvalidWindow(String field, String rule, String message) {
            super(message);
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    /** {@code range} and {@code step} in Prometheus's duration syntax (e.g. {@code 1h30m}, {@code 15s}); null = default. */
    public static ChartWindow ending(Instant now, String range, String step) {
        Duration span = range == null || range.isBlank() ? DEFAULT_RANGE : parse("range", range);
        if (span.compareTo(Duration.ofMinutes(1)) < 0 || span.compareTo(MAX_RANGE) > 0) {
            throw new InvalidWindow("range", "between", "range must be between 1m and 7d, was " + range);
        }
        Duration resolution;
        if (step == null || step.isBlank()) {
            resolution = Duration.ofSeconds(Math.max(1, span.toSeconds() / DEFAULT_POINTS));
        } else {
            resolution = parse("step", step);
            if (resolution.isZero()) {
                throw new InvalidWindow("step", "min", "step must be at least 1s");
            }
        }
        if (span.toSeconds() / resolution.toSeconds() > MAX_POINTS) {
            throw new InvalidWindow("step", "maxPoints", "range / step must be at most " + MAX_POINTS
                    + " points; " + range + " / " + step + " gives " + span.toSeconds() / resolution.toSeconds());
        }
        // aligned to the step so consecutive refreshes ask for the same grid (and Prometheus's results line up)
        long stepSeconds = resolution.toSeconds();
        Instant end = Instant.ofEpochSecond(now.getEpochSecond() / stepSeconds * stepSeconds);
        return new ChartWindow(end.minus(span), end, resolution);
    }

    private static Duration parse(String field, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (text.isBlank() || !m.matches()) {
            throw new InvalidWindow(field, "duration",
                    field + " must be a duration such as 30s, 15m, 1h30m or 2d, was \"" + text + "\"");
        }
        try {
            Duration d = Duration.ZERO;
            d = m.group(1) == null ? d : d.plusDays(Long.parseLong(m.group(1)));
            d = m.group(2) == null ? d : d.plusHours(Long.parseLong(m.group(2)));
            d = m.group(3) == null ? d : d.plusMinutes(Long.parseLong(m.group(3)));
            return m.group(4) == null ? d : d.plusSeconds(Long.parseLong(m.group(4)));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new InvalidWindow(field, "between", field + " is too large: " + text);
        }
    }
}
