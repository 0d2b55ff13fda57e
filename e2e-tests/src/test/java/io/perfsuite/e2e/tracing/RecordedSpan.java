package io.perfsuite.e2e.tracing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One span as a trace backend stored it, in the terms the assertions use. Ids are lowercase hex (32 digits for a
 * trace, 16 for a span); {@code parentSpanId} is empty for a root.
 *
 * @param otherValues every other value the backend holds for the span (resource attributes, event attributes, status
 *        message), so a check for leaked secrets sees all of it
 */
public record RecordedSpan(String traceId, String spanId, Optional<String> parentSpanId, String service, String name,
        Kind kind, Map<String, String> attributes, List<String> otherValues) {

    public enum Kind {
        SERVER, CLIENT, INTERNAL, PRODUCER, CONSUMER
    }

    public RecordedSpan {
        attributes = Map.copyOf(attributes);
        otherValues = List.copyOf(otherValues);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public boolean isChildOf(RecordedSpan parent) {
        return parentSpanId.filter(parent.spanId()::equals).isPresent();
    }

    @Override
    public String toString() {
        return service + " " + kind + " '" + name + "' " + spanId + " <- " + parentSpanId.orElse("root") + " "
                + attributes;
    }
}
