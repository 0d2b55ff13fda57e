package io.perfsuite.loadbalancer.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import io.netty.util.AsciiString;

/**
 * RFC 9110 section 7.6.1: fields that describe one connection and must not travel past it. A proxy removes the
 * fixed set below plus every field the {@code Connection} header names, in both directions. An upgrade that is
 * being passed through keeps {@code Connection: upgrade} and {@code Upgrade}, since the tunnel spans both hops.
 */
public final class HopByHopHeaders {

    /** Always connection-specific; {@code Proxy-Connection} is the pre-standard alias some clients still send. */
    private static final String[] FIXED = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"};
    // built once: the proxy adds it to every relayed upgrade
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");

    private HopByHopHeaders() {
    }

    /**
     * Hands every end-to-end field of {@code fields} to {@code sink}, in order. Names and values are handed on as
     * they are (a header map's own {@code CharSequence}s), so a name keeps the hash its map already computed.
     *
     * @param keepUpgrade true while an upgrade (WebSocket) is relayed: {@code Connection: upgrade} and
     *        {@code Upgrade} are then sent on
     */
    public static void forEachEndToEnd(Iterable<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> fields,
            boolean keepUpgrade, BiConsumer<? super CharSequence, ? super CharSequence> sink) {
        List<CharSequence> connection = null;
        for (Map.Entry<? extends CharSequence, ? extends CharSequence> field : fields) {
            if (AsciiString.contentEqualsIgnoreCase(field.getKey(), CONNECTION)) {
                if (connection == null) {
                    connection = new ArrayList<>(1);
                }
                connection.add(field.getValue());
            }
        }
        forEachEndToEnd(fields, connection, keepUpgrade, sink);
    }

    /**
     * The same in one pass over {@code fields}, for a caller that already looked up the {@code Connection} values
     * (a hashed lookup in a header map is cheaper than a second walk over every field).
     *
     * @param connectionValues every {@code Connection} field value, null or empty when there is none
     */
    public static void forEachEndToEnd(Iterable<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> fields,
            List<? extends CharSequence> connectionValues, boolean keepUpgrade,
            BiConsumer<? super CharSequence, ? super CharSequence> sink) {
        List<String> named = null;
        if (connectionValues != null) {
            for (CharSequence value : connectionValues) {
                named = connectionTokens(value, named);
            }
        }
        for (Map.Entry<? extends CharSequence, ? extends CharSequence> field : fields) {
            CharSequence name = field.getKey();
            if (keepUpgrade && AsciiString.contentEqualsIgnoreCase(name, UPGRADE)) {
                sink.accept(name, field.getValue());
            } else if (!isFixed(name) && (named == null || !containsIgnoreCase(named, name))) {
                sink.accept(name, field.getValue());
            }
        }
        if (keepUpgrade) {
            sink.accept(CONNECTION, UPGRADE);
        }
    }

    /** True for a field that is hop-by-hop whatever the {@code Connection} header says. */
    public static boolean isFixed(CharSequence name) {
        int length = name.length();
        // the fixed names are 2 to 19 characters long; most end-to-end fields fail the first test
        if (length < 2 || length > 19) {
            return false;
        }
        for (String fixed : FIXED) {
            if (fixed.length() == length && AsciiString.contentEqualsIgnoreCase(fixed, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the field names a {@code Connection} value lists. Tokens that name a fixed hop-by-hop field (the usual
     * {@code keep-alive}) are dropped anyway and not collected, so that value costs no allocation.
     */
    private static List<String> connectionTokens(CharSequence value, List<String> into) {
        List<String> tokens = into;
        int length = value.length();
        int i = 0;
        while (i < length) {
            int end = i;
            while (end < length && value.charAt(end) != ',') {
                end++;
            }
            int from = i;
            int to = end;
            while (from < to && isSpace(value.charAt(from))) {
                from++;
            }
            while (to > from && isSpace(value.charAt(to - 1))) {
                to--;
            }
            if (to > from) {
                CharSequence token = value.subSequence(from, to);
                if (!isFixed(token)) {
                    if (tokens == null) {
                        tokens = new ArrayList<>(2);
                    }
                    tokens.add(token.toString().toLowerCase(Locale.ROOT));
                }
            }
            i = end + 1;
        }
        return tokens;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean containsIgnoreCase(List<String> lowerCaseNames, CharSequence name) {
        for (String candidate : lowerCaseNames) {
            if (AsciiString.contentEqualsIgnoreCase(candidate, name)) {
                return true;
            }
        }
        return false;
    }
}
