package io.perfsuite.cache.freshness;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The response {@code Cache-Control} directives that matter to a shared cache.
 * <p>
 * Parsing is lenient in the way RFC 9111 asks recipients to be: directive names are case-insensitive, arguments may be
 * tokens or quoted strings, unknown directives and malformed numbers are ignored, a repeated directive keeps its first
 * valid value, and delta-seconds above 2^31 are clamped to 2^31. {@code s-maxage} wins over {@code max-age} because
 * this is a shared cache. The field-name forms {@code private="x"} and {@code no-cache="x"} are treated like their bare
 * forms (the conservative reading).
 *
 * @param maxAge freshness lifetime from {@code s-maxage}, else {@code max-age}
 * @param noStore {@code no-store}
 * @param noCache {@code no-cache}
 * @param privateResponse {@code private}
 * @param mustRevalidate {@code must-revalidate} or {@code proxy-revalidate}: stale use needs the origin's explicit
 *        consent
 * @param staleWhileRevalidate RFC 5861 {@code stale-while-revalidate}
 * @param staleIfError RFC 5861 {@code stale-if-error}
 */
public record CacheControl(Optional<Duration> maxAge, boolean noStore, boolean noCache, boolean privateResponse,
        boolean mustRevalidate, Optional<Duration> staleWhileRevalidate, Optional<Duration> staleIfError) {

    /** No directives: the namespace defaults apply. */
    public static final CacheControl NONE = new CacheControl(Optional.empty(), false, false, false, false,
            Optional.empty(), Optional.empty());

    private static final long MAX_DELTA_SECONDS = 1L << 31;

    /** Whether a shared cache may keep the response at all. {@code no-cache} counts as no: we never revalidate. */
    public boolean storable() {
        return !noStore && !noCache && !privateResponse;
    }

    /** Parses one header value; {@code null} or blank gives {@link #NONE}. */
    public static CacheControl parse(String header) {
        return header == null ? NONE : parseAll(List.of(header));
    }

    /** Parses a header that arrived as several field lines, as if they were joined with commas. */
    public static CacheControl parseAll(Iterable<String> headerLines) {
        Parsed p = new Parsed();
        for (String line : headerLines) {
            if (line != null) {
                new Tokenizer(line, p).run();
            }
        }
        return p.result();
    }

    /** Accumulates directives; first valid occurrence of a valued directive wins. */
    private static final class Parsed {
        Duration maxAge;
        Duration sMaxAge;
        Duration staleWhileRevalidate;
        Duration staleIfError;
        boolean noStore;
        boolean noCache;
        boolean privateResponse;
        boolean mustRevalidate;

        void accept(String name, String argument) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "max-age" -> maxAge = firstSeconds(maxAge, argument);
                case "s-maxage" -> sMaxAge = firstSeconds(sMaxAge, argument);
                case "stale-while-revalidate" -> staleWhileRevalidate = firstSeconds(staleWhileRevalidate, argument);
                case "stale-if-error" -> staleIfError = firstSeconds(staleIfError, argument);
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = true;
                case "private" -> privateResponse = true;
                case "must-revalidate", "proxy-revalidate" -> mustRevalidate = true;
                default -> {
                    // extensions and request-only directives do not concern a shared cache's storage
                }
            }
        }

        CacheControl result() {
            return new CacheControl(Optional.ofNullable(sMaxAge != null ? sMaxAge : maxAge), noStore, noCache,
                    privateResponse, mustRevalidate, Optional.ofNullable(staleWhileRevalidate),
                    Optional.ofNullable(staleIfError));
        }

        private static Duration firstSeconds(Duration current, String argument) {
            return current != null ? current : deltaSeconds(argument);
        }

        /** RFC 9111 delta-seconds: 1*DIGIT; anything else is ignored (null). */
        private static Duration deltaSeconds(String argument) {
            if (argument == null || argument.isEmpty()) {
                return null;
            }
            long seconds = 0;
            for (int i = 0; i < argument.length(); i++) {
                char c = argument.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                seconds = Math.min(MAX_DELTA_SECONDS, seconds * 10 + (c - '0'));
            }
            return Duration.ofSeconds(seconds);
        }
    }

    /** Splits {@code name[=token|"quoted"]} directives on commas that are not inside quotes. */
    private static final class Tokenizer {
        private final String s;
        private final Parsed sink;
        private int i;

        Tokenizer(String s, Parsed sink) {
            this.s = s;
            this.sink = sink;
        }

        void run() {
            while (i < s.length()) {
                skipWhitespace();
                int nameStart = i;
                while (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != ',' && !isWhitespace(s.charAt(i))) {
                    i++;
                }
                String name = s.substring(nameStart, i);
                skipWhitespace();
                String argument = null;
                boolean malformed = false;
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                    skipWhitespace();
                    if (i < s.length() && s.charAt(i) == '"') {
                        argument = quoted();
                        malformed = argument == null;
                    } else {
                        int start = i;
                        while (i < s.length() && s.charAt(i) != ',' && !isWhitespace(s.charAt(i))) {
                            i++;
                        }
                        argument = s.substring(start, i);
                    }
                    skipWhitespace();
                }
                // Anything else before the next comma spoils the argument, not the name: a garbled "no-store x"
                // must still prevent storage.
                while (i < s.length() && s.charAt(i) != ',') {
                    malformed = true;
                    i++;
                }
                i++; // past the comma
                if (!name.isEmpty()) {
                    sink.accept(name, malformed ? null : argument);
                }
            }
        }

        /**
         * Reads a quoted-string starting at the opening quote. An unterminated one yields null and resumes right after
         * the quote, so a stray quote cannot swallow a later {@code no-store}.
         */
        private String quoted() {
            StringBuilder sb = new StringBuilder();
            int resume = ++i;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            i = resume;
            return null;
        }

        private void skipWhitespace() {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
