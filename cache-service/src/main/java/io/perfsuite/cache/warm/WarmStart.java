package io.perfsuite.cache.warm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.redaction.Redaction;
import io.perfsuite.cache.tier.TieredCache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Preloads the hottest keys of every namespace from Redis into L1 whenever L1 starts empty: when the replica starts
 * and after every flush caused by a lost invalidation stream. Only L2 is read; warm start never calls an origin.
 */
public class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class);
    private static final int CONCURRENCY = 16;

    /** How one run went, per namespace: keys ranked hot and keys now in L1. */
    public record Report(Instant startedAt, Duration took, Map<String, Counts> namespaces) {
    }

    public record Counts(int hot, int loaded) {
    }

    private final Collection<Namespace> namespaces;
    private final HotKeyRanking ranking;
    private final TieredCache cache;
    private final Clock clock;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public WarmStart(Collection<Namespace> namespaces, HotKeyRanking ranking, TieredCache cache, Clock clock) {
        this.namespaces = List.copyOf(namespaces);
        this.ranking = ranking;
        this.cache = cache;
        this.clock = clock;
    }

    public Uni<Report> run() {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        return Multi.createFrom().iterable(namespaces)
                .filter(ns -> ns.warmStartKeys() > 0)
                .onItem().transformToUniAndConcatenate(ns -> warm(ns).map(counts -> Map.entry(ns.name(), counts)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(counts -> {
                    Report report = new Report(started, Duration.ofNanos(System.nanoTime() - t0), new TreeMap<>(counts));
                    last.set(report);
                    LOG.infof("warm start: %s in %d ms", counts, report.took().toMillis());
                    return report;
                });
    }

    /** The last completed run, if any. */
    public Report last() {
        return last.get();
    }

    private Uni<Counts> warm(Namespace ns) {
        return ranking.hottest(ns.name(), ns.warmStartKeys())
                .chain(hot -> Multi.createFrom().iterable(hot)
                        .onItem().transformToUni(key -> cache.preload(ns, key).onFailure().recoverWithItem(false))
                        .merge(CONCURRENCY)
                        .filter(Boolean::booleanValue)
                        .collect().with(java.util.stream.Collectors.counting())
                        .map(loaded -> new Counts(hot.size(), loaded.intValue())))
                .onFailure().invoke(f -> LOG.warnf("warm start of %s skipped: %s", ns.name(), Redaction.redact(f.getMessage())))
                .onFailure().recoverWithItem(new Counts(0, 0));
    }
}
