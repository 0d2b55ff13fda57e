package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.consistency.ConsistencyToken;

class ResponseTokenTest {

    private static final Optional<ConsistencyToken> REQUESTED = Optional.of(ConsistencyToken.parse("1:0/3000148"));

    @Test
    void shouldAnswerWithThePrimarysTokenOverTheRequestsOne() {
        assertThat(ResponseToken.answer("2:0/5000000", REQUESTED)).isEqualTo("2:0/5000000");
    }

    @Test
    void shouldHandTheRequestsTokenBackWhenNothingWasReadOnThePrimary() {
        assertThat(ResponseToken.answer(null, REQUESTED)).isEqualTo("1:0/3000148");
        assertThat(ResponseToken.echoed(REQUESTED)).isEqualTo("1:0/3000148");
        assertThat(ResponseToken.answer(null, Optional.empty())).isNull();
    }

    @Test
    void shouldAskPostgresqlForTheTimelineOnlyUntilItIsKnown() {
        assertThat(ResponseToken.query(3)).isEqualTo("SELECT pg_current_wal_insert_lsn()::text, 3");
        assertThat(ResponseToken.query(0)).contains("pg_control_checkpoint()");
    }
}
