package io.perfsuite.cache.load;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Coalesces concurrent loads of the same key: while a load is in flight, later callers share its outcome instead of
 * starting another. The key is released as soon as the load settles (value, failure, or a loader that throws), so
 * the next call after that loads afresh; failures are not cached.
 * <p>
 * Every caller gets its own {@link CompletableFuture#copy() copy} of the shared load: one caller cancelling or
 * completing its future cannot affect the others. A loader must not wait synchronously on a load of its own key
 * (it would wait on itself).
 *
 * @param <K> key type, with proper equals/hashCode
 * @param <V> loaded value type
 */
public final class SingleFlight<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder loads = new LongAdder();
    private final LongAdder coalesced = new LongAdder();

    /**
     * Returns the outcome of the in-flight load of {@code key}, calling {@code loader} only if there is none.
     *
     * @param loader starts the load; called at most once per in-flight period, on the calling thread
     */
    public CompletableFuture<V> load(K key, Supplier<? extends CompletableFuture<? extends V>> loader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        CompletableFuture<V> shared = new CompletableFuture<>();
        CompletableFuture<V> existing = inFlight.putIfAbsent(key, shared);
        if (existing != null) {
            coalesced.increment();
            return existing.copy();
        }
        loads.increment();
        CompletableFuture<? extends V> source;
        try {
            source = Objects.requireNonNull(loader.get(), "loader returned null");
        } catch (Throwable t) {
            settle(key, shared, null, t);
            return shared.copy();
        }
        source.whenComplete((value, failure) -> settle(key, shared, value, failure));
        return shared.copy();
    }

    /** Number of loader calls. */
    public long loads() {
        return loads.sum();
    }

    /** Number of calls that joined a load already in flight. */
    public long coalesced() {
        return coalesced.sum();
    }

    /** Keys with a load in flight right now. */
    public int inFlight() {
        return inFlight.size();
    }

    private void settle(K key, CompletableFuture<V> shared, V value, Throwable failure) {
        // Release first: code that reacts to the outcome and loads again must start a fresh load.
        inFlight.remove(key, shared);
        if (failure == null) {
            shared.complete(value);
        } else {
            shared.completeExceptionally(unwrap(failure));
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
