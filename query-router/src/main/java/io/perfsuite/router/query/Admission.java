package io.perfsuite.router.query;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.Response.Status;

import io.perfsuite.router.api.QueryRequest;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Refusal;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turns a request into a {@link QueryCommand} or refuses it with a 4xx problem naming the field and the rule, before
 * anything runs. Shared by the query, stream and transaction paths so the three refuse alike.
 */
final class Admission {

    private final RouterConfig config;
    private final ConsistencyLevel defaultLevel;

    Admission(RouterConfig config) {
        this.config = config;
        this.defaultLevel = ConsistencyLevel.fromWire(config.consistency().defaultLevel()).orElseThrow();
    }

    QueryCommand command(QueryRequest request) {
        return command(request, config.query().maxRows());
    }

    /** @param rowLimit the largest maxRows allowed, and the default */
    QueryCommand command(QueryRequest request, int rowLimit) {
        if (request == null) {
            throw ProblemException.invalid("body", "required", "a JSON body with at least sql is required");
        }
        String sql = sql(request.sql(), "sql");
        ConsistencyLevel level = defaultLevel;
        if (request.consistency() != null) {
            level = ConsistencyLevel.fromWire(request.consistency()).orElseThrow(() -> ProblemException.invalid(
                    "consistency", "enum", "consistency must be one of eventual, bounded, strong, read-your-writes"));
        }
        Optional<Duration> staleness = Optional.empty();
        if (request.maxStalenessMs() != null) {
            if (request.maxStalenessMs() < 0) {
                throw ProblemException.invalid("maxStalenessMs", "min", "maxStalenessMs must be 0 or more");
            }
            staleness = Optional.of(Duration.ofMillis(request.maxStalenessMs()));
        } else if (level == ConsistencyLevel.BOUNDED) {
            throw ProblemException.invalid("maxStalenessMs", "required", "bounded consistency needs maxStalenessMs");
        }
        Optional<ConsistencyToken> token = Optional.empty();
        if (request.consistencyToken() != null) {
            try {
                token = Optional.of(ConsistencyToken.parse(request.consistencyToken()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("consistencyToken", "format", "consistencyToken " + e.getMessage());
            }
        }
        int maxRows = maxRows(request.maxRows(), rowLimit);
        long maxTtl = config.cache().maxTtl().toSeconds();
        if (request.cacheTtl() != null && (request.cacheTtl() < 0 || request.cacheTtl() > maxTtl)) {
            throw ProblemException.invalid("cacheTtl", "range", "cacheTtl must be between 0 and " + maxTtl + " seconds");
        }
        Tuple params = JsonParams.tuple(request.params(), "params");
        return new QueryCommand(sql, params, level, staleness, token, timeout(request.timeoutMs()), maxRows);
    }

    /** A classified /v1/query statement the caller may run: not refused, within the key's role, params fit. */
    static void requireRunnable(QueryCommand command, Classification classification, Role role) {
        classification.refusal().ifPresent(refusal -> {
            throw refused(refusal, "sql");
        });
        if (role == Role.READER && !classification.isRead()) {
            throw readOnlyKey("sql", classification);
        }
        if (classification.statements() > 1 && command.params().size() > 0) {
            throw ProblemException.invalid("params", "single-statement",
                    "parameters need a single statement; this SQL holds " + classification.statements());
        }
    }

    static ProblemException readOnlyKey(String field, Classification classification) {
        return ProblemException.field(Status.FORBIDDEN, "read-only-key", field, "read-only",
                "this API key may only run reads, and this statement needs the primary: " + classification.reason());
    }

    static ProblemException refused(Refusal refusal, String field) {
        return ProblemException.field(Status.BAD_REQUEST, "session-state", field, "stateless", refusal.why());
    }

    static int maxRows(Integer requested, int max) {
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid("maxRows", "range", "maxRows must be between 1 and " + max);
        }
        return requested;
    }

    int maxRows(Integer requested) {
        return maxRows(requested, config.query().maxRows());
    }

    Duration timeout(Long timeoutMs) {
        if (timeoutMs == null) {
            return config.query().defaultTimeout();
        }
        long max = config.query().maxTimeout().toMillis();
        if (timeoutMs < 1 || timeoutMs > max) {
            throw ProblemException.invalid("timeoutMs", "range", "timeoutMs must be between 1 and " + max);
        }
        return Duration.ofMillis(timeoutMs);
    }

    String sql(String sql, String field) {
        if (sql == null || sql.isBlank()) {
            throw ProblemException.invalid(field, "required", field + " must hold a SQL statement");
        }
        if (sql.length() > config.query().maxSqlLength()) {
            throw ProblemException.field(Status.REQUEST_ENTITY_TOO_LARGE, "sql-too-long", field, "max-length",
                    field + " is " + sql.length() + " characters; the limit is " + config.query().maxSqlLength());
        }
        return sql;
    }

    static String isolation(String isolation) {
        if (isolation == null) {
            return "READ COMMITTED";
        }
        return switch (isolation.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ')) {
            case "read committed" -> "READ COMMITTED";
            case "repeatable read" -> "REPEATABLE READ";
            case "serializable" -> "SERIALIZABLE";
            default -> throw ProblemException.invalid("isolation", "enum",
                    "isolation must be read-committed, repeatable-read or serializable");
        };
    }
}
