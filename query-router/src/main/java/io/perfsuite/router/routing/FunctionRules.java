package io.perfsuite.router.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether calling a function keeps a statement on a replica. Volatility alone is not enough (pgpool-II relies
 * on it): {@code txid_current()} is STABLE yet assigns a transaction id, advisory locks succeed on a standby while
 * locking nothing the primary sees, and a user function marked STABLE can still call a writing VOLATILE one.
 */
final class FunctionRules {

    /** Functions that must run on the primary whatever pg_proc says, with the reason to report. */
    private static final Map<String, String> PRIMARY_ONLY = Map.ofEntries(
            Map.entry("nextval", "nextval() advances a sequence"),
            Map.entry("setval", "setval() changes a sequence"),
            Map.entry("currval", "currval() reads the session's last nextval(), which only the primary session has"),
            Map.entry("lastval", "lastval() reads the session's last nextval(), which only the primary session has"),
            Map.entry("set_config", "set_config() changes a setting of the session"),
            Map.entry("setseed", "setseed() changes the session's random state"),
            Map.entry("txid_current", "txid_current() assigns a transaction id, which a standby cannot"),
            Map.entry("txid_current_if_assigned", "txid_current_if_assigned() reads the primary's transaction id"),
            Map.entry("pg_current_xact_id", "pg_current_xact_id() assigns a transaction id, which a standby cannot"),
            Map.entry("pg_current_xact_id_if_assigned", "pg_current_xact_id_if_assigned() reads the primary's transaction id"),
            Map.entry("pg_notify", "pg_notify() cannot run on a standby"),
            Map.entry("pg_cancel_backend", "pg_cancel_backend() acts on a backend of the node it runs on"),
            Map.entry("pg_terminate_backend", "pg_terminate_backend() acts on a backend of the node it runs on"),
            Map.entry("pg_reload_conf", "pg_reload_conf() acts on the node it runs on"),
            Map.entry("pg_switch_wal", "pg_switch_wal() writes WAL"),
            Map.entry("pg_create_restore_point", "pg_create_restore_point() writes WAL"),
            Map.entry("dblink_exec", "dblink_exec() runs arbitrary SQL elsewhere"));

    private static final Map<String, String> PRIMARY_ONLY_PREFIXES = Map.of(
            "pg_advisory_", "advisory locks are per node: a lock taken on a replica excludes nobody on the primary",
            "pg_try_advisory_", "advisory locks are per node: a lock taken on a replica excludes nobody on the primary",
            "lo_", "large-object functions write or hold per-session descriptors");

    /** Session-level advisory locks outlive the request on the pooled connection, even inside a transaction. */
    private static final Set<String> SESSION_LOCKS = Set.of("pg_advisory_lock", "pg_advisory_lock_shared",
            "pg_try_advisory_lock", "pg_try_advisory_lock_shared");

    /** VOLATILE built-ins that only read: their results vary, but they change nothing. */
    private static final Set<String> READ_ONLY_VOLATILE = Set.of("random", "random_normal", "clock_timestamp",
            "timeofday", "gen_random_uuid", "uuid_generate_v4", "pg_sleep", "pg_sleep_for", "pg_sleep_until");

    /** SQL constructs JSqlParser shows as calls but that are not functions in pg_proc. */
    private static final Set<String> SQL_CONSTRUCTS = Set.of("coalesce", "nullif", "greatest", "least", "row",
            "grouping", "array", "exists", "any", "all", "some", "values", "xmlelement", "xmlforest", "xmlconcat",
            "xmlparse", "xmlpi", "xmlroot", "xmlexists", "xmlserialize", "position", "substring", "overlay",
            "normalize", "collation", "current_date", "current_time", "current_timestamp", "localtime",
            "localtimestamp", "current_user", "current_role", "session_user", "user", "current_catalog",
            "current_schema", "cast", "treat", "extract", "interval");

    private final FunctionCatalog catalog;
    private final Set<String> replicaSafe;

    /** @param replicaSafe user functions the operator vouches for: they only read, whatever their volatility */
    FunctionRules(FunctionCatalog catalog, Set<String> replicaSafe) {
        this.catalog = catalog;
        this.replicaSafe = Set.copyOf(replicaSafe);
    }

    /** Why calling {@code name} cannot be carried over REST at all, or empty. */
    Optional<Refusal> refusal(String name) {
        if (SESSION_LOCKS.contains(name)) {
            return Optional.of(new Refusal(name + "() takes a session-level lock that stays with the pooled "
                    + "connection after the request; use pg_advisory_xact_lock() inside POST /v1/transaction", false));
        }
        return Optional.empty();
    }

    /**
     * Whether a call may write tables other than the statement's own: a function that needs the primary for reasons
     * other than the fixed list (sequences, locks, settings), like a VOLATILE or unknown user function.
     */
    boolean mayWriteOtherTables(String name) {
        if (PRIMARY_ONLY.containsKey(name)
                || PRIMARY_ONLY_PREFIXES.keySet().stream().anyMatch(name::startsWith)) {
            return false;
        }
        return primaryReason(name).isPresent();
    }

    /** A function outside pg_catalog (or unknown), whose body may read tables the calling SQL does not name. */
    boolean userDefined(String name) {
        if (SQL_CONSTRUCTS.contains(name)) {
            return false;
        }
        return catalog.lookup(name).map(info -> !info.builtin()).orElse(true);
    }

    /** A name the catalog does not hold, which no fixed rule decides: a function created since it was loaded. */
    boolean unknown(String name) {
        if (PRIMARY_ONLY.containsKey(name) || SQL_CONSTRUCTS.contains(name) || READ_ONLY_VOLATILE.contains(name)
                || replicaSafe.contains(name)) {
            return false;
        }
        for (String prefix : PRIMARY_ONLY_PREFIXES.keySet()) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return catalog.lookup(name).isEmpty();
    }

    /** Why calling {@code name} needs the primary, or empty when a replica can run it. */
    Optional<String> primaryReason(String name) {
        String fixed = PRIMARY_ONLY.get(name);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        for (Map.Entry<String, String> prefix : PRIMARY_ONLY_PREFIXES.entrySet()) {
            if (name.startsWith(prefix.getKey())) {
                return Optional.of(name + "(): " + prefix.getValue());
            }
        }
        if (SQL_CONSTRUCTS.contains(name) || READ_ONLY_VOLATILE.contains(name) || replicaSafe.contains(name)) {
            return Optional.empty();
        }
        Optional<FunctionCatalog.FunctionInfo> info = catalog.lookup(name);
        if (info.isEmpty()) {
            return Optional.of(name + "() is not in pg_proc (yet), so its side effects are unknown");
        }
        if (info.get().volatility() == Volatility.VOLATILE) {
            return Optional.of(name + "() is VOLATILE and may write");
        }
        if (!info.get().builtin() && info.get().volatility() == Volatility.STABLE) {
            return Optional.of(name + "() is a user function marked STABLE, which can still call writing functions");
        }
        return Optional.empty();
    }
}
