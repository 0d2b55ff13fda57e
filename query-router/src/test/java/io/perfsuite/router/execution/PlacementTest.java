package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void shouldGiveAReadThatFallsBackToThePrimaryAPrimaryTokenAndAReadOnlyTransaction() {
        Placement fallback = Placement.primaryRead();

        assertThat(fallback.onPrimary()).isTrue();
        assertThat(fallback.token()).as("the same token a statement on the primary gets").isTrue();
        assertThat(fallback.readOnly()).as("a misclassified write is refused, as a replica would").isTrue();
        assertThat(fallback.write()).as("a read invalidates nothing and may be cached").isFalse();
        assertThat(fallback.mayShare()).isFalse();
    }

    @Test
    void shouldLetOnlyReplicaReadsShareAPipelinedConnection() {
        assertThat(Placement.replicaRead().mayShare()).isTrue();
        assertThat(Placement.replicaRead().token()).isFalse();
        assertThat(Placement.write(false).mayShare()).isFalse();
        assertThat(Placement.write(true).mayShare()).isFalse();
    }

    @Test
    void shouldRunAReadOnlyKeysPrimaryStatementReadOnlyButStillAsAWrite() {
        assertThat(Placement.write(true).readOnly()).isTrue();
        assertThat(Placement.write(true).write()).isTrue();
        assertThat(Placement.write(false).readOnly()).isFalse();
        assertThat(Placement.write(false).token()).isTrue();
    }
}
