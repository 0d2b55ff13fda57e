package io.perfsuite.router.pg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.router.cache.ResultCache;
import io.perfsuite.router.cache.policy.TableCatalog;
import io.perfsuite.router.config.RouterConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Reads what the result cache needs to know about relations from the catalog, in one round trip: the search path,
 * every table and view, what each view reads ({@code pg_rewrite} + {@code pg_depend}), inheritance and partitions
 * ({@code pg_inherits}), cascading foreign keys ({@code pg_constraint}), and which tables have user triggers or
 * non-SELECT rules. Reloaded every {@code router.routing.catalog-refresh}, right after a statement that may have
 * changed the schema, and when a read names a table the snapshot does not know. Only runs with the cache on.
 */
@Startup
@ApplicationScoped
public class TableCatalogLoader {

    private static final Logger LOG = Logger.getLogger(TableCatalogLoader.class);
    private static final long UNKNOWN_REFRESH_SPACING_NANOS = 1_000_000_000L;

    static final String CATALOG_QUERIES = String.join(";\n",
            "SELECT array_to_string(current_schemas(true), ',')",
            "SELECT c.oid::bigint, n.nspname::text, c.relname::text, c.relkind::text FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') "
                    + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'",
            // the relations a view's query names (its _RETURN rule depends on them)
            "SELECT DISTINCT r.ev_class::bigint, d.refobjid::bigint FROM pg_rewrite r JOIN pg_depend d "
                    + "ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
                    + "AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class WHERE r.rulename = '_RETURN'",
            "SELECT inhrelid::bigint, inhparent::bigint FROM pg_inherits",
            // foreign keys whose ON DELETE / ON UPDATE action writes the referencing table
            "SELECT confrelid::bigint, conrelid::bigint FROM pg_constraint WHERE contype = 'f' "
                    + "AND (confdeltype IN ('c', 'n', 'd') OR confupdtype IN ('c', 'n', 'd'))",
            "SELECT DISTINCT tgrelid::bigint FROM pg_trigger WHERE NOT tgisinternal",
            "SELECT DISTINCT ev_class::bigint FROM pg_rewrite WHERE rulename <> '_RETURN'");

    private final NodePools pools;
    private final Vertx vertx;
    private final ResultCache cache;
    private final RouterConfig config;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong lastUnknownRefresh = new AtomicLong(System.nanoTime() - UNKNOWN_REFRESH_SPACING_NANOS);
    private long timerId = -1;

    TableCatalogLoader(NodePools pools, Vertx vertx, ResultCache cache, RouterConfig config) {
        this.pools = pools;
        this.vertx = vertx;
        this.cache = cache;
        this.config = config;
    }

    @PostConstruct
    void start() {
        if (!cache.enabled()) {
            return;
        }
        cache.onUnknownTable(this::refreshForUnknownTable);
        refresh();
        long period = config.routing().catalogRefresh().toMillis();
        timerId = vertx.setPeriodic(period, ignored -> refresh());
    }

    @PreDestroy
    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * A read named a relation the snapshot does not know: reload, at most once a second, so a client reading a name
     * that never resolves does not keep the catalog query running.
     */
    private void refreshForUnknownTable() {
        long now = System.nanoTime();
        long last = lastUnknownRefresh.get();
        if (now - last >= UNKNOWN_REFRESH_SPACING_NANOS && lastUnknownRefresh.compareAndSet(last, now)) {
            refresh();
        }
    }

    /** Starts a reload, or asks for one more after the one running (it may have started before a schema change). */
    public void refresh() {
        if (!loading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        long covers = cache.schemaChanges();
        load(pools.all(), 0)
                .chain(catalog -> cache.catalogLoaded(catalog, covers))
                .onTermination().invoke(() -> {
                    loading.set(false);
                    if (again.getAndSet(false)) {
                        refresh();
                    }
                })
                .subscribe().with(loaded -> {
                }, failure -> LOG.debugf("table catalog not loaded: %s", failure.getMessage()));
    }

    /** The primary's catalog (a replica's may lag behind a schema change); another node when it is down. */
    private Uni<TableCatalog> load(List<PgNode> nodes, int index) {
        return nodes.get(index).probe().query(CATALOG_QUERIES).execute().map(TableCatalogLoader::snapshot)
                .onFailure().recoverWithUni(failure -> index + 1 < nodes.size()
                        ? load(nodes, index + 1)
                        : Uni.createFrom().failure(failure));
    }

    static TableCatalog snapshot(RowSet<Row> first) {
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> searchPath = first.getDelegate();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> classes = searchPath.next();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> views = classes.next();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> inherits = views.next();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> cascades = inherits.next();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> triggers = cascades.next();
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rules = triggers.next();

        String path = searchPath.iterator().next().getString(0);
        List<String> schemas = path == null || path.isEmpty() ? List.of() : List.of(path.split(","));
        Map<Long, String> names = new HashMap<>();
        Map<Long, Boolean> isView = new HashMap<>();
        for (io.vertx.sqlclient.Row row : classes) {
            names.put(row.getLong(0), row.getString(1) + "." + row.getString(2));
            isView.put(row.getLong(0), "v".equals(row.getString(3)));
        }
        Map<Long, Set<String>> reads = pairs(views, names, false);
        Map<Long, Set<String>> inheritance = pairs(inherits, names, true);
        Map<Long, Set<String>> cascadesTo = pairs(cascades, names, false);
        Set<Long> writesElsewhere = new HashSet<>();
        triggers.forEach(row -> writesElsewhere.add(row.getLong(0)));
        rules.forEach(row -> writesElsewhere.add(row.getLong(0)));

        Map<String, TableCatalog.Relation> relations = new HashMap<>();
        names.forEach((oid, name) -> relations.put(name, new TableCatalog.Relation(name, isView.get(oid),
                reads.getOrDefault(oid, Set.of()), inheritance.getOrDefault(oid, Set.of()),
                cascadesTo.getOrDefault(oid, Set.of()), writesElsewhere.contains(oid))));
        return new TableCatalog(schemas, relations);
    }

    /** from → names of to; both directions when {@code symmetric}. Oids of other kinds (indexes) are skipped. */
    private static Map<Long, Set<String>> pairs(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows,
            Map<Long, String> names, boolean symmetric) {
        Map<Long, Set<String>> out = new HashMap<>();
        for (io.vertx.sqlclient.Row row : rows) {
            long from = row.getLong(0);
            long to = row.getLong(1);
            if (!names.containsKey(from) || !names.containsKey(to)) {
                continue;
            }
            out.computeIfAbsent(from, ignored -> new HashSet<>()).add(names.get(to));
            if (symmetric) {
                out.computeIfAbsent(to, ignored -> new HashSet<>()).add(names.get(from));
            }
        }
        return out;
    }

}
