package io.perfsuite.router.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that may hold addresses: the userinfo of any URI ({@code postgresql://app:pw@db},
 * {@code https://token@host}), password-like query or conninfo parameters ({@code ?password=pw},
 * {@code sslpassword=pw}), wherever they appear in a message. Applied to everything the router prints about a node,
 * cache-service or a failure: logs, spans, /v1/replicas, health data and problem bodies.
 */
public final class Credentials {

    public static final String MASK = "***";

    // scheme://userinfo@ : userinfo holds no '/', '@' or whitespace
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|sslpassword|sslkey|secret|token|api[-_]?key)=([^&\\s;,'\")]+)");

    private Credentials() {
    }

    /** The text with every credential replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text;
        }
        String withoutUserinfo = USERINFO.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1))
                + MASK + "@");
        return SECRET_PARAMETER.matcher(withoutUserinfo)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1)) + "=" + MASK);
    }

    /** Whether {@link #redact} would change the text. */
    public static boolean holdsCredentials(String text) {
        return text != null && !text.equals(redact(text));
    }
}
