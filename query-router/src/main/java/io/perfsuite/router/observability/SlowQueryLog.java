package io.perfsuite.router.observability;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.router.config.RouterConfig;

/** The most recent statements over the slow threshold, newest first. */
@ApplicationScoped
public class SlowQueryLog {

    /** One slow statement; {@code plan} is the EXPLAIN (FORMAT JSON) of a slow read, filled in shortly after. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String sql, long durationMs, String node, String route, String reason,
            String traceId, Object plan) {

        Entry withPlan(Object newPlan) {
            return new Entry(at, sql, durationMs, node, route, reason, traceId, newPlan);
        }
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    SlowQueryLog(RouterConfig config) {
        this.capacity = config.query().slowLogSize();
    }

    public synchronized void add(Entry entry) {
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** Attaches a plan that arrived after the entry was logged. */
    public synchronized void attachPlan(Entry entry, Object plan) {
        List<Entry> copy = new ArrayList<>(entries);
        int index = copy.indexOf(entry);
        if (index >= 0) {
            copy.set(index, entry.withPlan(plan));
            entries.clear();
            entries.addAll(copy);
        }
    }

    public synchronized List<Entry> recent() {
        return List.copyOf(entries);
    }
}
