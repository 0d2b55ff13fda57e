package io.perfsuite.router.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.Row;

class BoundedRowsTest {

    @Test
    void shouldKeepAtMostTheLimitAndAskForCancellationOnceWhenItIsReached() {
        AtomicInteger cancels = new AtomicInteger();
        BoundedRows bounded = new BoundedRows(3, cancels::incrementAndGet);
        List<Row> rows = bounded.supplier().get();

        for (int i = 0; i < 10; i++) {
            bounded.accumulator().accept(rows, null);
        }

        assertThat(rows).hasSize(3);
        assertThat(bounded.reachedLimit()).isTrue();
        assertThat(cancels).hasValue(1);
    }

    @Test
    void shouldNotCancelAResultBelowTheLimit() {
        AtomicInteger cancels = new AtomicInteger();
        BoundedRows bounded = new BoundedRows(3, cancels::incrementAndGet);
        List<Row> rows = bounded.supplier().get();

        bounded.accumulator().accept(rows, null);
        bounded.accumulator().accept(rows, null);

        assertThat(rows).hasSize(2);
        assertThat(bounded.reachedLimit()).isFalse();
        assertThat(cancels).hasValue(0);
    }
}
