package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryTest {

    @Test
    void shouldRetryAStatementAReplicaRefusedAsAWriteOnThePrimaryAsAWrite() {
        assertThat(Recovery.afterReplicaFailure("25006", false)).isEqualTo(Recovery.RETRY_AS_WRITE);
    }

    @Test
    void shouldRetryAFunctionTheReplicaHasNotReplayedYetOnThePrimaryAsARead() {
        assertThat(Recovery.afterReplicaFailure("42883", false)).isEqualTo(Recovery.RETRY_AS_PRIMARY_READ);
    }

    @Test
    void shouldMarkAReplicaThatDroppedTheConnectionAndRetryOnThePrimary() {
        assertThat(Recovery.afterReplicaFailure("57P01", true))
                .isEqualTo(Recovery.MARK_FAILED_AND_RETRY_AS_PRIMARY_READ);
        assertThat(Recovery.afterReplicaFailure("", true)).isEqualTo(Recovery.MARK_FAILED_AND_RETRY_AS_PRIMARY_READ);
    }

    @Test
    void shouldNotRetryTheStatementsOwnErrors() {
        assertThat(Recovery.afterReplicaFailure("42601", false)).isEqualTo(Recovery.NONE);
        assertThat(Recovery.afterReplicaFailure("57014", false)).isEqualTo(Recovery.NONE);
        assertThat(Recovery.afterReplicaFailure("", false)).isEqualTo(Recovery.NONE);
    }

    @Test
    void shouldRunAFallbackReadThatWritesAgainAsAWriteUnlessTheKeyIsReadOnly() {
        assertThat(Recovery.afterPrimaryReadFailure("25006", false)).isEqualTo(Recovery.RETRY_AS_WRITE);
        assertThat(Recovery.afterPrimaryReadFailure("25006", true)).isEqualTo(Recovery.NONE);
        assertThat(Recovery.afterPrimaryReadFailure("23505", false)).isEqualTo(Recovery.NONE);
    }

    @Test
    void shouldLeaveAStreamForThePrimaryOnlyIfItsReplicaWentAwayBeforeTheStreamStarted() {
        assertThat(Recovery.afterStreamFailure(false, true)).isEqualTo(Recovery.MARK_FAILED_AND_RETRY_AS_PRIMARY_READ);
        assertThat(Recovery.afterStreamFailure(true, true)).as("the client already has this replica's snapshot")
                .isEqualTo(Recovery.NONE);
        assertThat(Recovery.afterStreamFailure(false, false)).isEqualTo(Recovery.NONE);
    }
}
