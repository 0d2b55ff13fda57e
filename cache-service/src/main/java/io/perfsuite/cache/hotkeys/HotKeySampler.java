package io.perfsuite.cache.hotkeys;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counts a random sample of reads per namespace and key until an adapter drains the counts into the shared ranking.
 * <p>
 * Sampling keeps the cost of an L1 hit to one random draw: at rate {@code r} a key read {@code n} times is counted
 * about {@code r * n} times, which ranks hot keys the same way as counting every read. Between two drains at most
 * {@code maxPendingKeys} distinct keys per namespace are held; once full, only keys already pending are counted
 * (a key that hot will be seen again after the drain).
 */
public final class HotKeySampler {

    private final double rate;
    private final DoubleSupplier random;
    private final int maxPendingKeys;
    private final Map<String, Map<String, LongAdder>> pending = new ConcurrentHashMap<>();

    /**
     * @param rate fraction of reads counted, in [0, 1]; 0 disables sampling
     * @param random uniform source in [0, 1)
     */
    public HotKeySampler(double rate, DoubleSupplier random, int maxPendingKeys) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
        }
        if (maxPendingKeys < 1) {
            throw new IllegalArgumentException("maxPendingKeys must be positive");
        }
        this.rate = rate;
        this.random = random;
        this.maxPendingKeys = maxPendingKeys;
    }

    public static HotKeySampler disabled() {
        return new HotKeySampler(0, () -> 1, 1);
    }

    public boolean enabled() {
        return rate > 0;
    }

    public void sample(String namespace, String key) {
        if (rate == 0 || random.getAsDouble() >= rate) {
            return;
        }
        Map<String, LongAdder> counts = pending.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
        LongAdder count = counts.get(key);
        if (count == null) {
            if (counts.size() >= maxPendingKeys) {
                return;
            }
            count = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        count.increment();
    }

    /**
     * Takes the counts gathered since the last drain, per namespace. A sample racing with the drain may be lost,
     * which a ranking built from samples can afford.
     */
    public Map<String, Map<String, Long>> drain() {
        Map<String, Map<String, Long>> drained = new HashMap<>();
        for (String namespace : pending.keySet()) {
            Map<String, LongAdder> counts = pending.remove(namespace);
            if (counts == null || counts.isEmpty()) {
                continue;
            }
            Map<String, Long> snapshot = new HashMap<>();
            counts.forEach((key, count) -> snapshot.put(key, count.sum()));
            drained.put(namespace, snapshot);
        }
        return drained;
    }
}
