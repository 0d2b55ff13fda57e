package io.perfsuite.router.query;

import java.util.List;

import io.vertx.core.Future;

/** Where a streamed read's rows go, batch by batch, as fast as the client takes them. */
public interface RowSink {

    /** The first line: what the rows are, where they came from, and the token to carry on with. */
    void start(List<QueryResult.Column> columns, String node, String reason, String consistencyToken);

    /** Completes once the client has taken the batch (the response's write queue drained). */
    Future<Void> rows(List<List<Object>> batch);

    boolean started();

    /** The client went away: stop reading. */
    boolean cancelled();
}
