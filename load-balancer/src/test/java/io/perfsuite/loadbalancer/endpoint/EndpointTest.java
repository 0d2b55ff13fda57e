package io.perfsuite.loadbalancer.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

/** One endpoint's own state: peak EWMA, fall/rise, slow start, leases. */
class EndpointTest {

    private static final EndpointSpec SPEC = EndpointSpec.of("http://10.0.0.1:8080", 4);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Endpoint endpoint(PoolPolicy policy) {
        return new Endpoint(SPEC, policy, clock);
    }

    private static long millis(long value) {
        return TimeUnit.MILLISECONDS.toNanos(value);
    }

    @Test
    void shouldReplaceTheEstimateAtOnceWithAHigherSample() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);

        endpoint.begin().success(200, millis(250));

        assertThat(endpoint.peakEwmaMillis()).isEqualTo(250.0);
    }

    @Test
    void shouldTakeTheFirstSampleInsteadOfTheDefaultRtt() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        Lease first = endpoint.begin();
        clock.advance(Duration.ofMillis(2));

        first.success(200, millis(2));

        // the 30 ms default was a guess: a fast backend must not look like it for the next tens of seconds
        assertThat(endpoint.peakEwmaMillis()).isEqualTo(2.0);
    }

    @Test
    void shouldBlendALowerSampleByTheTimeSinceTheLastOne() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        endpoint.begin().success(200, millis(100));
        Lease next = endpoint.begin();
        clock.advance(Duration.ofSeconds(10));

        next.success(200, millis(10));

        // tau 10 s: 100 x e^-1 + 10 x (1 - e^-1)
        assertThat(endpoint.peakEwmaMillis()).isCloseTo(100 * Math.exp(-1) + 10 * (1 - Math.exp(-1)),
                within(0.01));
    }

    @Test
    void shouldMoveByOneWindowShareForALowerSampleRightAfterTheLast() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        endpoint.begin().success(200, millis(100));
        Lease next = endpoint.begin();
        clock.advance(Duration.ofMillis(10));

        next.success(200, millis(1));

        // by time alone 1 - e^-0.001; the 100-sample window gives it at least 1 %
        assertThat(endpoint.peakEwmaMillis()).isCloseTo(100 - 99 * 0.01, within(1e-6));
    }

    @Test
    void shouldBlendSamplesMicrosecondsApartByTheirNanosecondGaps() {
        // a window so wide that only time weighs; ten answers per millisecond, the one after each millisecond tick 50
        // ms and the others 0
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT
                .withPeakEwma(new PeakEwma(Duration.ofMillis(30), Duration.ofSeconds(10), Integer.MAX_VALUE)));
        endpoint.begin().success(200, millis(100));
        for (int i = 0; i < 10_000; i++) {
            Lease lease = endpoint.begin();
            clock.advance(Duration.ofNanos(100_000));
            lease.success(200, i % 10 == 9 ? millis(50) : 0);
        }

        // 1 s of tau 10 s toward their mean of 5 ms; millisecond gaps would have blended only the 50 ms ones (95.2)
        assertThat(endpoint.peakEwmaMillis()).isCloseTo(100 * Math.exp(-0.1) + 5 * (1 - Math.exp(-0.1)),
                within(0.05));
    }

    @Test
    void shouldDivideTheEstimateByTheLoadItsSamplesWereTakenAt() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        List<Lease> ahead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ahead.add(endpoint.begin());
        }
        Lease fourth = endpoint.begin();

        // sent behind three others: 8 ms is 2 ms of its own, and 2 x (in flight + 1) predicts the next request
        fourth.success(200, millis(8));

        assertThat(endpoint.peakEwmaMillis()).isEqualTo(8.0);
        assertThat(endpoint.sampledLoad()).isEqualTo(4.0);
        assertThat(endpoint.peakEwmaPerRequestMillis()).isEqualTo(2.0);
        ahead.forEach(Lease::cancel);
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThatThrownBy(() -> new PeakEwma(Duration.ofMillis(30), Duration.ofSeconds(10), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be at least 1");
    }

    @Test
    void shouldDecayAnIdleEstimateTowardZeroButHoldItWhileRequestsAreOut() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        endpoint.begin().success(200, millis(100));

        clock.advance(Duration.ofSeconds(10));
        assertThat(endpoint.peakEwmaMillis()).isCloseTo(100 * Math.exp(-1), within(0.01));

        // a backend holding a request without answering must not look cheaper by the second
        Lease hanging = endpoint.begin();
        double whenSent = endpoint.peakEwmaMillis();
        clock.advance(Duration.ofSeconds(60));
        assertThat(endpoint.peakEwmaMillis()).isEqualTo(whenSent);
        hanging.cancel();
    }

    @Test
    void shouldNotLetAFastErrorLowerTheEstimate() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        endpoint.begin().success(200, millis(80));
        Lease failing = endpoint.begin();
        clock.advance(Duration.ofSeconds(20));

        failing.success(503, millis(1));

        assertThat(endpoint.peakEwmaMillis()).isEqualTo(80.0);
    }

    @Test
    void shouldCountATimeoutAsALatencySampleOfTheTimeWaited() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        Lease lease = endpoint.begin();
        clock.advance(Duration.ofSeconds(2));

        lease.timeout();

        assertThat(endpoint.peakEwmaMillis()).isEqualTo(2000.0);
    }

    @Test
    void shouldEndALeaseExactlyOnce() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);
        Lease lease = endpoint.begin();
        endpoint.begin();
        assertThat(endpoint.inFlight()).isEqualTo(2);

        lease.success(200, millis(5));
        lease.cancel();
        lease.connectFailure();
        lease.timeout();

        assertThat(endpoint.inFlight()).isEqualTo(1);
        assertThat(lease.ended()).isTrue();
    }

    @Test
    void shouldFallAfterThreeFailedChecksAndRiseAfterTwoPassedOnes() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);

        endpoint.recordHealthCheck(false);
        endpoint.recordHealthCheck(false);
        assertThat(endpoint.health()).isEqualTo(HealthState.HEALTHY);
        endpoint.recordHealthCheck(true);
        endpoint.recordHealthCheck(false);
        endpoint.recordHealthCheck(false);
        // the pass in between reset the count
        assertThat(endpoint.available()).isTrue();
        endpoint.recordHealthCheck(false);
        assertThat(endpoint.health()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(endpoint.available()).isFalse();

        endpoint.recordHealthCheck(true);
        assertThat(endpoint.health()).isEqualTo(HealthState.UNHEALTHY);
        endpoint.recordHealthCheck(true);
        assertThat(endpoint.health()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void shouldWaitForOnePassingCheckWhenNotStartingHealthy() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT.withHealth(new HealthThresholds(3, 2, false)));
        assertThat(endpoint.available()).isFalse();

        endpoint.recordHealthCheck(true);

        // first check: one pass is enough, as in Envoy; rise applies after a fall
        assertThat(endpoint.health()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void shouldRampWeightLinearlyFromTheMinimumOverTheWindow() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT.withSlowStart(SlowStart.linear(Duration.ofSeconds(60))));

        assertThat(endpoint.effectiveWeight()).isCloseTo(0.4, within(1e-9));
        clock.advance(Duration.ofSeconds(3));
        // 5 % of the window is still below the 10 % floor
        assertThat(endpoint.effectiveWeight()).isCloseTo(0.4, within(1e-9));
        clock.advance(Duration.ofSeconds(12));
        assertThat(endpoint.effectiveWeight()).isCloseTo(1.0, within(1e-9));
        clock.advance(Duration.ofSeconds(30));
        assertThat(endpoint.effectiveWeight()).isCloseTo(3.0, within(1e-9));
        clock.advance(Duration.ofSeconds(15));
        assertThat(endpoint.effectiveWeight()).isEqualTo(4.0);
    }

    @Test
    void shouldShapeTheRampWithTheAggressionExponent() {
        SlowStart slowStart = new SlowStart(Duration.ofSeconds(100), 2.0, 0.05);

        // t^(1/2): a quarter of the way gives half the weight
        assertThat(slowStart.factor(25_000)).isCloseTo(0.5, within(1e-9));
        assertThat(new SlowStart(Duration.ofSeconds(100), 0.5, 0.05).factor(50_000)).isCloseTo(0.25, within(1e-9));
        assertThat(slowStart.factor(100_000)).isEqualTo(1.0);
        assertThat(slowStart.factor(0)).isEqualTo(0.05);
    }

    @Test
    void shouldRestartSlowStartWhenAnEndpointRecovers() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT.withSlowStart(SlowStart.linear(Duration.ofSeconds(60))));
        clock.advance(Duration.ofMinutes(5));
        assertThat(endpoint.slowStartFactor()).isEqualTo(1.0);
        for (int i = 0; i < 3; i++) {
            endpoint.recordHealthCheck(false);
        }
        clock.advance(Duration.ofMinutes(1));

        endpoint.recordHealthCheck(true);
        endpoint.recordHealthCheck(true);
        clock.advance(Duration.ofSeconds(30));

        assertThat(endpoint.slowStartFactor()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldChangeWeightAtRunTimeAndRefuseANegativeOne() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);

        endpoint.setWeight(10);

        assertThat(endpoint.configuredWeight()).isEqualTo(10);
        assertThat(endpoint.effectiveWeight()).isEqualTo(10.0);
        assertThatThrownBy(() -> endpoint.setWeight(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight must be between 0 and 1000000");
    }

    @Test
    void shouldStopOfferingADrainingEndpointAndTakeItBack() {
        Endpoint endpoint = endpoint(PoolPolicy.DEFAULT);

        endpoint.drain();
        assertThat(endpoint.available()).isFalse();
        assertThat(endpoint.draining()).isTrue();
        endpoint.undrain();

        assertThat(endpoint.available()).isTrue();
    }
}
