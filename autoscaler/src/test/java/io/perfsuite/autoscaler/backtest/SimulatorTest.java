package io.perfsuite.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.SimulationResult;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.backtest.simulation.SimulationStep;
import io.perfsuite.autoscaler.backtest.simulation.Simulator;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.Reason;
import io.perfsuite.autoscaler.decision.TargetType;

class SimulatorTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final MetricRule DEMAND = new MetricRule("demand", TargetType.AVERAGE_VALUE, 100);

    private static List<DemandPoint> minutes(double... values) {
        List<DemandPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new DemandPoint(START.plus(Duration.ofMinutes(i)), values[i]));
        }
        return points;
    }

    private static SimulationSettings settings(int initial) {
        return new SimulationSettings(100, Duration.ofSeconds(60), Duration.ofSeconds(15), initial, null);
    }

    @Test
    void shouldCountUnderProvisionedTimeWhileNewPodsStart() {
        SimulationResult result = Simulator.run(PolicyRules.hpa(1, 10, List.of(DEMAND)),
                minutes(100, 100, 300, 300, 300, 300), settings(1));

        assertThat(result.summary().underProvisionedMinutes()).isEqualTo(1.0);
        assertThat(result.steps().get(2).replicas()).isEqualTo(3);
        assertThat(result.steps().get(2).readyReplicas()).isEqualTo(1);
        assertThat(result.steps().get(3).readyReplicas()).isEqualTo(3);
        assertThat(result.summary().scaleEvents()).isEqualTo(1);
    }

    @Test
    void shouldChargeReplicaHoursForEveryReplicaOverTime() {
        double[] flat = new double[61];
        java.util.Arrays.fill(flat, 200);

        SimulationResult result = Simulator.run(PolicyRules.hpa(1, 10, List.of(DEMAND)), minutes(flat), settings(2));

        assertThat(result.summary().replicaHours()).isEqualTo(2.0 * 61 / 60);
        assertThat(result.summary().underProvisionedMinutes()).isZero();
    }

    @Test
    void shouldStartScoringAfterTheWarmUp() {
        SimulationResult result = Simulator.run(PolicyRules.hpa(1, 10, List.of(DEMAND)),
                minutes(100, 100, 300, 300, 300, 300),
                new SimulationSettings(100, Duration.ofSeconds(60), Duration.ofSeconds(15), 1,
                        START.plus(Duration.ofMinutes(3))));

        assertThat(result.summary().underProvisionedMinutes()).isZero();
        assertThat(result.summary().scoredMinutes()).isEqualTo(3.0);
    }

    @Test
    void shouldMatchTheReferenceHpaWhenThePolicyIsTheDefaultHpa() {
        List<DemandPoint> demand = daily(4, new Random(7));
        PolicyRules hpa = PolicyRules.hpa(1, 50, List.of(DEMAND));

        BacktestReport report = Backtest.compare(hpa, DEMAND, demand,
                new SimulationSettings(125, Duration.ofSeconds(60), Duration.ofSeconds(15), 1, null), false);

        assertThat(report.policy().summary()).isEqualTo(report.referenceHpa().summary());
        assertThat(report.replicaHoursRatio()).isEqualTo(1.0);
    }

    @Test
    void shouldHalveUnderProvisioningWithPredictionOnADailyRampAtLittleExtraCost() {
        List<DemandPoint> demand = daily(5, new Random(11));
        PolicyRules predictive = PolicyRules.hpa(1, 50, List.of(DEMAND))
                .withPrediction(PredictionSettings.of("demand", Duration.ofSeconds(75)));

        BacktestReport report = Backtest.compare(predictive, DEMAND, demand, new SimulationSettings(125,
                Duration.ofSeconds(60), Duration.ofSeconds(15), 1, START.plus(Duration.ofDays(2))), false);

        assertThat(report.referenceHpa().summary().underProvisionedMinutes()).isPositive();
        assertThat(report.underProvisionedReduction()).isGreaterThanOrEqualTo(0.5);
        assertThat(report.replicaHoursRatio()).isLessThan(1.15);
        assertThat(report.policy().decidingReasons()).containsKey("PREDICTION");
    }

    @Test
    void shouldNeverChangeReplicasInRecommendModeButReportWhatItWouldHaveRecommended() {
        PolicyRules recommend = PolicyRules.hpa(1, 10, List.of(DEMAND)).withMode(Mode.RECOMMEND, null);

        SimulationResult result = Simulator.run(recommend, minutes(100, 100, 500, 500, 500, 500), settings(1));

        assertThat(result.mode()).isEqualTo(Mode.RECOMMEND);
        assertThat(result.steps()).extracting(SimulationStep::replicas).containsOnly(1);
        assertThat(result.steps().get(5).recommendation()).isEqualTo(5);
        assertThat(result.summary().scaleEvents()).isZero();
        assertThat(result.summary().underProvisionedMinutes()).isEqualTo(4.0);
        assertThat(result.summary().replicaHours()).isEqualTo(6.0 / 60);
        assertThat(result.summary().peakRecommendation()).isEqualTo(5);
        assertThat(result.summary().recommendationChanges()).isEqualTo(1);
        assertThat(result.summary().recommendedReplicaHours()).isEqualTo((1 + 1 + 5 * 4) / 60.0);
        assertThat(result.decidingReasons()).containsEntry(Reason.METRIC, 1);
    }

    @Test
    void shouldHoldTheInitialReplicasWhenPaused() {
        PolicyRules paused = PolicyRules.hpa(1, 10, List.of(DEMAND)).withMode(Mode.PAUSED, null);

        SimulationResult result = Simulator.run(paused, minutes(100, 500, 500, 500), settings(2));

        assertThat(result.steps()).extracting(SimulationStep::replicas).containsOnly(2);
        assertThat(result.summary().scaleEvents()).isZero();
        assertThat(result.summary().peakRecommendation()).as("what it would run if resumed").isEqualTo(5);
    }

    @Test
    void shouldMoveOnceToThePausedReplicasAndHoldThere() {
        PolicyRules paused = PolicyRules.hpa(1, 10, List.of(DEMAND)).withMode(Mode.PAUSED, 4);

        SimulationResult result = Simulator.run(paused, minutes(100, 700, 700, 100, 100), settings(1));

        assertThat(result.steps()).extracting(SimulationStep::replicas).containsOnly(4);
        assertThat(result.summary().scaleEvents()).isEqualTo(1);
        assertThat(result.decidingReasons()).containsOnlyKeys(Reason.PAUSED);
        assertThat(result.summary().peakRecommendation()).isEqualTo(7);
    }

    @Test
    void shouldCompareARecommendOnlyPolicyWithAnActingReferenceHpa() {
        PolicyRules recommend = PolicyRules.hpa(1, 10, List.of(DEMAND)).withMode(Mode.RECOMMEND, null);

        BacktestReport report = Backtest.compare(recommend, DEMAND, minutes(100, 100, 500, 500, 500, 500),
                settings(1), true);

        assertThat(report.policy().mode()).isEqualTo("RECOMMEND");
        assertThat(report.referenceHpa().mode()).isEqualTo("AUTO");
        assertThat(report.steps().get(5).policyReplicas()).isEqualTo(1);
        assertThat(report.steps().get(5).policyRecommendation()).isEqualTo(5);
        assertThat(report.steps().get(5).referenceReplicas()).isEqualTo(5);
        assertThat(report.policy().summary().recommendedReplicaHours())
                .isEqualTo(report.referenceHpa().summary().replicaHours());
    }

    /** Steep morning ramps (100 -> 2000 in 20 minutes at 08:00) with 3 % noise, one point a minute. */
    private static List<DemandPoint> daily(int days, Random noise) {
        List<DemandPoint> points = new ArrayList<>();
        for (int i = 0; i < days * 1440; i++) {
            int m = i % 1440;
            double base = m < 480 || m >= 1080 ? 100 : m < 500 ? 100 + 1900.0 * (m - 480) / 20 : 2000;
            points.add(new DemandPoint(START.plus(Duration.ofMinutes(i)),
                    Math.max(0, base * (1 + 0.03 * noise.nextGaussian()))));
        }
        return points;
    }
}
