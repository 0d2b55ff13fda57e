package io.perfsuite.autoscaler.decision;

import java.time.ZonedDateTime;
import java.util.BitSet;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with {@code *}, lists, ranges and
 * steps, as KEDA's cron scaler and Kubernetes CronJobs take it. Day-of-week 0 and 7 are Sunday. As in Vixie cron,
 * when both day fields are restricted a day matches if either does.
 */
public final class CronExpression {

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = parseField(fields[0], 0, 59, "minute");
        this.hours = parseField(fields[1], 0, 23, "hour");
        this.daysOfMonth = parseField(fields[2], 1, 31, "day of month");
        this.months = parseField(fields[3], 1, 12, "month");
        BitSet dow = parseField(fields[4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.dayOfMonthRestricted = !fields[2].equals("*");
        this.dayOfWeekRestricted = !fields[4].equals("*");
    }

    /** @throws IllegalArgumentException naming the field that does not parse */
    public static CronExpression parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron needs 5 fields (minute hour day-of-month month day-of-week), got "
                    + fields.length);
        }
        return new CronExpression(text.trim(), fields);
    }

    /** True when the minute containing {@code time} is one the expression fires at. */
    public boolean matches(ZonedDateTime time) {
        if (!minutes.get(time.getMinute()) || !hours.get(time.getHour()) || !months.get(time.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(time.getDayOfMonth());
        boolean dow = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet parseField(String field, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = parseNumber(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = parseNumber(ends[0], min, max, name);
                to = parseNumber(ends[1], min, max, name);
                if (from > to) {
                    throw new IllegalArgumentException(name + " range " + range + " runs backwards");
                }
            } else {
                from = parseNumber(range, min, max, name);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }

    private static int parseNumber(String text, int min, int max, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number", e);
        }
    }
}
