package io.perfsuite.router.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;

import io.vertx.sqlclient.Row;

/**
 * Collects the rows of a read as they arrive, keeping at most {@code limit}; the row that reaches the limit runs
 * {@code onLimit} once (the caller cancels the statement, so PostgreSQL stops producing rows and the router never
 * buffers a huge result). A plain prepared query costs one round trip, where a cursor with a row limit costs more on
 * every read, and reads over the limit are the rare case.
 */
final class BoundedRows implements Collector<Row, List<Row>, List<Row>> {

    private final int limit;
    private final Runnable onLimit;
    private volatile boolean reached;

    BoundedRows(int limit, Runnable onLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.onLimit = onLimit;
    }

    /** True once {@code limit} rows arrived: the statement may have been cancelled, and the result is too long. */
    boolean reachedLimit() {
        return reached;
    }

    @Override
    public Supplier<List<Row>> supplier() {
        return ArrayList::new;
    }

    @Override
    public BiConsumer<List<Row>, Row> accumulator() {
        return (rows, row) -> {
            if (rows.size() >= limit) {
                return;
            }
            rows.add(row);
            if (rows.size() == limit && !reached) {
                reached = true;
                onLimit.run();
            }
        };
    }

    @Override
    public BinaryOperator<List<Row>> combiner() {
        return (a, b) -> {
            a.addAll(b);
            return a;
        };
    }

    @Override
    public Function<List<Row>, List<Row>> finisher() {
        return Function.identity();
    }

    @Override
    public Set<Characteristics> characteristics() {
        return Set.of(Characteristics.IDENTITY_FINISH);
    }
}
