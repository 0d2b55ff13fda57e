package io.perfsuite.loadbalancer.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * RFC 9110 section 7.6.1: fields that describe one connection and must not travel past it. A proxy removes the
 * fixed set below plus every field the {@code Connection} header names, in both directions. An upgrade that is
 * being passed through keeps {@code Connection: upgrade} and {@code Upgrade}, since the tunnel spans both hops.
 */
public final class HopByHopHeaders {

    /** Always connection-specific; {@code Proxy-Connection} is the pre-standard alias some clients still send. */
    private static final String[] FIXED = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"};

    private HopByHopHeaders() {
    }

    /**
     * Hands every end-to-end field of {@code fields} to {@code sink}, in order.
     *
     * @param keepUpgrade true while an upgrade (WebSocket) is relayed: {@code Connection: upgrade} and
     *        {@code Upgrade} are then sent on
     */
    public static void forEachEndToEnd(Iterable<Map.Entry<String, String>> fields, boolean keepUpgrade,
            BiConsumer<String, String> sink) {
        List<String> connection = null;
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase("connection")) {
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
    public static void forEachEndToEnd(Iterable<Map.Entry<String, String>> fields, List<String> connectionValues,
            boolean keepUpgrade, BiConsumer<String, String> sink) {
        List<String> named = null;
        if (connectionValues != null) {
            for (String value : connectionValues) {
                named = connectionTokens(value, named);
            }
        }
        for (Map.Entry<String, String> field : fields) {
            String name = field.getKey();
            if (keepUpgrade && name.equalsIgnoreCase("upgrade")) {
                sink.accept(name, field.getValue());
            } else if (!isFixed(name) && (named == null || !containsIgnoreCase(named, name))) {
                sink.accept(name, field.getValue());
            }
        }
        if (keepUpgrade) {
            sink.accept("Connection", "upgrade");
        }
    }

    /** True for a field that is hop-by-hop whatever the {@code Connection} header says. */
    public static boolean isFixed(String name) {
        int length = name.length();
        // the fixed names are 2 to 19 characters long; most end-to-end fields fail the first test
        if (length < 2 || length > 19) {
            return false;
        }
        for (String fixed : FIXED) {
            if (fixed.length() == length && fixed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> connectionTokens(String value, List<String> into) {
        List<String> tokens = into == null ? new ArrayList<>(2) : into;
        for (String token : value.split(",")) {
            String trimmed = token.trim();
            if (!trimmed.isEmpty()) {
                tokens.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static boolean containsIgnoreCase(List<String> lowerCaseNames, String name) {
        for (String candidate : lowerCaseNames) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
