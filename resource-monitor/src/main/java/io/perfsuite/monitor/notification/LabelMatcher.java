package io.perfsuite.monitor.notification;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Alertmanager matcher: {@code name op value} with {@code =}, {@code !=}, {@code =~}, {@code !~}. Regexes are
 * anchored at both ends, as in Alertmanager; a missing label matches as the empty string.
 */
public record LabelMatcher(String name, Op op, String value) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public LabelMatcher {
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            Pattern.compile(value);
        }
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, Op.EQUAL, value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> Pattern.compile("^(?:" + value + ")$").matcher(actual).matches();
            case NOT_REGEX -> !Pattern.compile("^(?:" + value + ")$").matcher(actual).matches();
        };
    }

    public static boolean all(Iterable<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + op.symbol() + '"' + value + '"';
    }
}
