package io.perfsuite.router.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL string into statements and exposes each one's keywords with comments, string literals, quoted
 * identifiers and dollar-quoted bodies blanked out, so {@code /* BEGIN *}{@code /} or {@code 'TO'} never look like
 * keywords. Used before parsing because JSqlParser rejects a whole string when one of its statements is unknown.
 */
final class SqlText {

    /**
     * One statement.
     *
     * @param text the statement as written (trimmed, without the closing semicolon)
     * @param masked the same characters with comments and quoted text replaced by spaces
     */
    record Statement(String text, String masked) {

        /** Upper-cased words and single parentheses, in order. */
        List<String> words() {
            List<String> words = new ArrayList<>();
            int i = 0;
            while (i < masked.length()) {
                char c = masked.charAt(i);
                if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < masked.length() && (Character.isLetterOrDigit(masked.charAt(i)) || masked.charAt(i) == '_'
                            || masked.charAt(i) == '$')) {
                        i++;
                    }
                    words.add(masked.substring(start, i).toUpperCase(Locale.ROOT));
                } else {
                    if (c == '(' || c == ')') {
                        words.add(String.valueOf(c));
                    }
                    i++;
                }
            }
            return words;
        }

        String firstWord() {
            List<String> words = words();
            return words.isEmpty() ? "" : words.get(0);
        }
    }

    private SqlText() {
    }

    /** The non-empty statements of {@code sql}, split at semicolons outside quotes, comments and dollar bodies. */
    static List<Statement> split(String sql) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder masked = new StringBuilder(sql.length());
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                end = quotedEnd(sql, i, '\'', escapes);
            } else if (c == '"') {
                end = quotedEnd(sql, i, '"', false);
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else if (c == ';') {
                add(statements, sql.substring(start, i), masked.substring(start, i));
                masked.append(' ');
                start = i + 1;
                i++;
                continue;
            } else {
                masked.append(c);
                i++;
                continue;
            }
            masked.append(" ".repeat(end - i));
            i = end;
        }
        add(statements, sql.substring(start), masked.substring(start));
        return statements;
    }

    private static void add(List<Statement> statements, String text, String masked) {
        if (!masked.isBlank()) {
            int lead = 0;
            while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
                lead++;
            }
            int trail = text.length();
            while (trail > lead && Character.isWhitespace(text.charAt(trail - 1))) {
                trail--;
            }
            statements.add(new Statement(text.substring(lead, trail), masked.substring(lead, trail)));
        }
    }

    /** Block comments nest in PostgreSQL. */
    private static int blockCommentEnd(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int quotedEnd(String sql, int from, char quote, boolean backslashEscapes) {
        int i = from + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code from}, or null when the dollar is a parameter like {@code $1}. */
    private static String dollarTag(String sql, int from) {
        if (from > 0 && (Character.isLetterOrDigit(sql.charAt(from - 1)) || sql.charAt(from - 1) == '_')) {
            return null;
        }
        int i = from + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
                || (i > from + 1 && Character.isDigit(sql.charAt(i))))) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$') {
            return sql.substring(from, i + 1);
        }
        return null;
    }
}
