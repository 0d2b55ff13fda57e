package io.perfsuite.monitor.alerting;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax ({@code 1h30m}, {@code 5m}, {@code 250ms}): units from largest to smallest, each at
 * most once, as in {@code model.ParseDuration}. Java's ISO-8601 parser would accept none of these.
 */
public final class PromDuration {

    private static final Pattern SYNTAX = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private PromDuration() {
    }

    /** @throws IllegalArgumentException naming the accepted syntax */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\" (expected e.g. 30s, 5m, 1h30m)");
        }
        long millis = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
            }
        }
        return Duration.ofMillis(millis);
    }

    /** The shortest Prometheus spelling, e.g. {@code 1h30m}, as Prometheus prints durations in its API. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = millis / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(units[i]);
                millis -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
