package io.perfsuite.router.pg;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.FunctionCatalog;
import io.perfsuite.router.routing.FunctionCatalog.FunctionInfo;
import io.perfsuite.router.routing.RefreshThrottle;
import io.perfsuite.router.routing.StatementClassifier;
import io.perfsuite.router.routing.Volatility;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads function volatility from {@code pg_proc} (any node will do: a replica has the same catalog) at start-up and
 * every {@code router.routing.catalog-refresh}, and classifies through a classifier built on it. Classifications
 * are memoised per SQL text (clients repeat the same parameterised statements) and dropped when the catalog changes.
 * Until the first load every function counts as unknown, which sends statements calling any function to the primary.
 */
@Startup
@ApplicationScoped
public class FunctionCatalogLoader {

    private static final Logger LOG = Logger.getLogger(FunctionCatalogLoader.class);
    private static final int MEMO_LIMIT = 10_000;
    private static final String CATALOG_QUERY = "SELECT p.proname, bool_and(n.nspname = 'pg_catalog'), "
            + "max(CASE p.provolatile WHEN 'v' THEN 3 WHEN 's' THEN 2 ELSE 1 END) "
            + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace GROUP BY p.proname";

    private final NodePools pools;
    private final Vertx vertx;
    private final RouterConfig config;
    private final Set<String> replicaSafe;
    private final Map<String, Classification> memo = new ConcurrentHashMap<>();
    private volatile Map<String, FunctionInfo> functions = Map.of();
    private volatile StatementClassifier classifier;
    private final RefreshThrottle unknownFunctionRefreshes;
    private io.vertx.core.Future<Boolean> pendingRefresh;
    private long timerId = -1;

    FunctionCatalogLoader(NodePools pools, Vertx vertx, RouterConfig config, Clock clock) {
        this.pools = pools;
        this.vertx = vertx;
        this.config = config;
        this.unknownFunctionRefreshes = new RefreshThrottle(clock, config.routing().unknownFunctionRefresh());
        this.replicaSafe = config.routing().replicaSafeFunctions().orElse(Set.of());
        this.classifier = new StatementClassifier(FunctionCatalog.empty(), replicaSafe);
    }

    @PostConstruct
    void start() {
        refresh().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("function catalog not loaded yet: %s", failure.getMessage()));
        long period = config.routing().catalogRefresh().toMillis();
        timerId = vertx.setPeriodic(Math.min(period, 2000), period, ignored -> refresh().subscribe().with(loaded -> {
        }, failure -> LOG.debugf("function catalog refresh failed: %s", failure.getMessage())));
    }

    @PreDestroy
    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    public Classification classify(String sql) {
        Classification known = memo.get(sql);
        if (known != null) {
            return known;
        }
        Classification fresh = classifier.classify(sql);
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(sql, fresh);
        return fresh;
    }

    /**
     * A reload for a statement that called a function the catalog does not know (a migration may just have created
     * it), or null when one ran within router.routing.unknown-function-refresh. Statements arriving while a reload
     * runs wait for that one.
     */
    public synchronized io.vertx.core.Future<Boolean> refreshForUnknownFunction() {
        if (pendingRefresh != null && !pendingRefresh.isComplete()) {
            return pendingRefresh;
        }
        if (!unknownFunctionRefreshes.tryStart()) {
            return null;
        }
        pendingRefresh = UniHelper.toFuture(refresh().onFailure().recoverWithItem(failure -> {
            LOG.debugf("function catalog refresh for an unknown function failed: %s", failure.getMessage());
            return false;
        }));
        return pendingRefresh;
    }

    public boolean loaded() {
        return !functions.isEmpty();
    }

    /** Loads pg_proc from the first node that answers; swaps the classifier only when something changed. */
    public Uni<Boolean> refresh() {
        return load(pools.all(), 0).map(loaded -> {
            if (loaded.equals(functions)) {
                return false;
            }
            functions = loaded;
            classifier = new StatementClassifier(FunctionCatalog.of(loaded), replicaSafe);
            memo.clear();
            LOG.debugf("function catalog loaded: %d names", loaded.size());
            return true;
        });
    }

    private Uni<Map<String, FunctionInfo>> load(List<PgNode> nodes, int index) {
        return nodes.get(index).probe().query(CATALOG_QUERY).execute().map(rows -> {
            Map<String, FunctionInfo> loaded = new HashMap<>();
            for (Row row : rows) {
                int worst = row.getInteger(2);
                Volatility volatility = worst == 3
                        ? Volatility.VOLATILE
                        : worst == 2 ? Volatility.STABLE : Volatility.IMMUTABLE;
                loaded.put(row.getString(0), new FunctionInfo(volatility, row.getBoolean(1)));
            }
            return Map.copyOf(loaded);
        }).onFailure().recoverWithUni(failure -> index + 1 < nodes.size()
                ? load(nodes, index + 1)
                : Uni.createFrom().failure(failure));
    }
}
