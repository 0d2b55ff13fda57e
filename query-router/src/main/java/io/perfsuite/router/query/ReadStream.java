package io.perfsuite.router.query;

import java.util.List;

import io.perfsuite.router.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * The rows of one read, fetched through a cursor a batch at a time and handed to the sink, the next batch fetched
 * only once the client took the last: memory stays at one batch whatever the result's size.
 */
final class ReadStream {

    /** The client closed the connection under the stream. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client closed the stream", null, false, false);
        }
    }

    private final Cursor cursor;
    private final RowSink sink;
    private final int batchRows;
    private final long maxRows;
    private final String node;
    private final String reason;
    private final String token;

    ReadStream(Cursor cursor, RowSink sink, int batchRows, long maxRows, String node, String reason, String token) {
        this.cursor = cursor;
        this.sink = sink;
        this.batchRows = batchRows;
        this.maxRows = maxRows;
        this.node = node;
        this.reason = reason;
        this.token = token;
    }

    /** Streams every row; completes with how many were sent. */
    Uni<Long> run() {
        return next(0);
    }

    private Uni<Long> next(long sent) {
        if (sink.cancelled()) {
            return Uni.createFrom().failure(new ClientGone());
        }
        // one row past the limit tells a result that is too large from one that ends exactly there
        int want = (int) Math.min(batchRows, maxRows - sent + 1);
        return cursor.read(want).chain(rows -> {
            if (!sink.started()) {
                sink.start(ResultRows.columns(rows.getDelegate().columnDescriptors()), node, reason, token);
            }
            List<List<Object>> values = ResultRows.rows(rows.getDelegate());
            long total = sent + values.size();
            boolean over = total > maxRows;
            List<List<Object>> batch = over ? values.subList(0, (int) (maxRows - sent)) : values;
            return Uni.createFrom().completionStage(() -> sink.rows(batch).toCompletionStage()).chain(() -> {
                if (over) {
                    return Uni.createFrom().failure(ProblemException.field(422, "Unprocessable Content",
                            "too-many-rows", "maxRows", "max", "the result has more than maxRows=" + maxRows
                                    + " rows; the first " + maxRows + " were sent"));
                }
                return hasMore(rows) ? next(total) : Uni.createFrom().item(total);
            });
        });
    }

    private boolean hasMore(RowSet<Row> rows) {
        return cursor.hasMore() && rows.size() > 0;
    }
}
