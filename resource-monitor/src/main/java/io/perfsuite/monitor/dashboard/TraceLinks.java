package io.perfsuite.monitor.dashboard;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** Links into Jaeger's UI for the trace ids the suite records (slow queries carry theirs). */
public final class TraceLinks {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");

    private final String base;

    public TraceLinks(URI jaegerUrl) {
        String text = jaegerUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The trace page, for a W3C trace id (16 or 32 lowercase hex digits); anything else gives no link. */
    public Optional<String> trace(String traceId) {
        if (traceId == null || !TRACE_ID.matcher(traceId).matches()) {
            return Optional.empty();
        }
        return Optional.of(base + "/trace/" + traceId);
    }

}
