package io.perfsuite.cache.redaction;

/**
 * Removes the userinfo ({@code user:password@}) of every URI in a text, so a Redis or origin URI that carries a
 * password can be logged, shown in stats or put in an error body. The whole userinfo goes: a user name alone is
 * harmless, but a URI written {@code redis://:password@host} has the secret where a name would be.
 */
public final class Redaction {

    static final String MASK = "***";

    private Redaction() {
    }

    /** {@code text} with the userinfo of each {@code scheme://userinfo@authority} replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            return text; // no URI: the common case stays free of copying
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (schemeEnd >= 0) {
            int authorityStart = schemeEnd + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < text.length() && !endsAuthority(text.charAt(authorityEnd))) {
                authorityEnd++;
            }
            int at = text.lastIndexOf('@', authorityEnd - 1);
            if (at >= authorityStart) {
                out.append(text, copied, authorityStart).append(MASK);
                copied = at;
            }
            schemeEnd = text.indexOf("://", authorityEnd);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean endsAuthority(char c) {
        // RFC 3986: the authority ends at the path, query or fragment; in free text also at whitespace or quotes
        return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == ','
                || c == ']' || c == ')';
    }
}
