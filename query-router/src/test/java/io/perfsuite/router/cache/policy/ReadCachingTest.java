package io.perfsuite.router.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.consistency.ConsistencyLevel;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

class ReadCachingTest {

    private static final Classification READ = new Classification(Route.REPLICA, "a plain SELECT", Set.of("accounts"),
            Optional.empty(), 1, false, false);

    @Test
    void shouldCacheSingleStatementReadsAtEventualAndReadYourWritesOnly() {
        assertThat(ReadCaching.eligible(READ, ConsistencyLevel.EVENTUAL)).isTrue();
        assertThat(ReadCaching.eligible(READ, ConsistencyLevel.READ_YOUR_WRITES)).isTrue();
        assertThat(ReadCaching.eligible(READ, ConsistencyLevel.BOUNDED)).isFalse();
        assertThat(ReadCaching.eligible(READ, ConsistencyLevel.STRONG)).isFalse();
    }

    @Test
    void shouldNotCacheWritesOrMultiStatementStrings() {
        Classification write = new Classification(Route.PRIMARY, "an UPDATE", Set.of("accounts"), Optional.empty(), 1,
                true, false);
        Classification two = new Classification(Route.REPLICA, "two SELECTs", Set.of("accounts"), Optional.empty(), 2,
                false, false);

        assertThat(ReadCaching.eligible(write, ConsistencyLevel.EVENTUAL)).isFalse();
        assertThat(ReadCaching.eligible(two, ConsistencyLevel.EVENTUAL)).isFalse();
    }

    @Test
    void shouldServeAnEntryAtOrPastTheTokenOnItsTimeline() {
        Optional<ConsistencyToken> token = Optional.of(ConsistencyToken.parse("1:0/3000"));

        assertThat(ReadCaching.onHit(1, "0/3000", 5, token, 10)).isEqualTo(ReadCaching.Hit.SERVE);
        assertThat(ReadCaching.onHit(1, "0/4000", 5, token, 10)).isEqualTo(ReadCaching.Hit.SERVE);
        assertThat(ReadCaching.onHit(1, "0/2FFF", 5, token, 10)).isEqualTo(ReadCaching.Hit.TOO_OLD);
        assertThat(ReadCaching.onHit(2, "0/9000", 5, token, 10)).as("positions of another timeline do not compare")
                .isEqualTo(ReadCaching.Hit.TOO_OLD);
        assertThat(ReadCaching.onHit(1, "garbage", 5, token, 10)).isEqualTo(ReadCaching.Hit.TOO_OLD);
        assertThat(ReadCaching.onHit(1, "0/0", 5, Optional.empty(), 10)).isEqualTo(ReadCaching.Hit.SERVE);
    }

    @Test
    void shouldAnswerAnEntryWithMoreRowsThanTheCallerAllowsAsAMissWould() {
        assertThat(ReadCaching.onHit(1, "0/3000", 11, Optional.empty(), 10)).isEqualTo(ReadCaching.Hit.TOO_MANY_ROWS);
        assertThat(ReadCaching.onHit(1, "0/3000", 10, Optional.empty(), 10)).isEqualTo(ReadCaching.Hit.SERVE);
    }

    @Test
    void shouldStoreOnlyWhatRanAsTheReadItWasClassifiedAs() {
        assertThat(ReadCaching.mayStore(false, false)).isTrue();
        assertThat(ReadCaching.mayStore(true, true)).isFalse();
        assertThat(ReadCaching.mayStore(false, true)).isFalse();
    }
}
