package io.perfsuite.monitor.notification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /**
     * Parses Alertmanager's matcher syntax, {@code name op value} with the value quoted ({@code severity=~"crit|page"},
     * {@code \"} and {@code \\} escaped) or bare.
     *
     * @throws IllegalArgumentException naming what is wrong: the syntax, or the regex and why it does not compile
     */
    public static LabelMatcher parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher (name, one of = != =~ !~, value)");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        } else if (value.startsWith("\"")) {
            throw new IllegalArgumentException("'" + text + "' has an unterminated quoted value");
        }
        try {
            return new LabelMatcher(m.group(1), op, value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
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
