package io.perfsuite.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSummary;
import io.perfsuite.autoscaler.backtest.simulation.Simulator;
import io.perfsuite.autoscaler.decision.ForecasterParameters;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.TargetType;

/**
 * A few requests per second, counted per 15 s: Poisson noise as large as the signal, and short spikes at random
 * times. Prediction must not do worse than the reference HPA there.
 */
class LowRatePredictionTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    /** One replica serves 2 requests per second; the target is 80 % of that. */
    private static final double CAPACITY = 2;
    private static final MetricRule DEMAND = new MetricRule("demand", TargetType.AVERAGE_VALUE, CAPACITY * 0.8);

    private static int poisson(Random random, double mean) {
        // Knuth's method: fine for the small means here
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** {@code days} of 15 s points: requests per second averaged over each 15 s. */
    private static List<DemandPoint> lowRate(int days, boolean daily, long seed) {
        Random random = new Random(seed);
        List<DemandPoint> points = new ArrayList<>();
        int steps = days * 24 * 60 * 4;
        int spikeLeft = 0;
        for (int i = 0; i < steps; i++) {
            double hour = (i / 240.0) % 24;
            double rate = daily ? 1 + 3 * Math.max(0, Math.sin(Math.PI * (hour - 6) / 12)) : 2.5;
            if (spikeLeft == 0 && random.nextDouble() < 1.0 / 600) {
                spikeLeft = 4 + random.nextInt(12);
            }
            if (spikeLeft > 0) {
                rate *= 4;
                spikeLeft--;
            }
            points.add(new DemandPoint(START.plusSeconds(15L * i), poisson(random, rate * 15) / 15.0));
        }
        return points;
    }

    private static SimulationSummary[] compare(List<DemandPoint> demand) {
        PolicyRules hpa = PolicyRules.hpa(1, 100, List.of(DEMAND));
        PolicyRules predictive = hpa.withPrediction(new PredictionSettings("demand", Duration.ofDays(14),
                Duration.ofSeconds(75), Duration.ofMinutes(1), 0, ForecasterParameters.DEFAULT, null));
        SimulationSettings settings = new SimulationSettings(CAPACITY, Duration.ofSeconds(60), Duration.ofSeconds(15),
                2, START.plus(Duration.ofHours(48)));
        return new SimulationSummary[]{Simulator.run(predictive, demand, settings).summary(),
                Simulator.run(hpa, demand, settings).summary()};
    }

    @Test
    void shouldNotUnderProvisionMoreThanTheHpaOnASpikyLowRateSeriesWithoutSeason() {
        SimulationSummary[] result = compare(lowRate(5, false, 11));

        assertThat(result[0].underProvisionedMinutes()).isLessThanOrEqualTo(result[1].underProvisionedMinutes());
        assertThat(result[0].replicaHours()).isLessThanOrEqualTo(result[1].replicaHours() * 1.05);
    }

    @Test
    void shouldNotUnderProvisionMoreThanTheHpaOnASpikyLowRateDailySeries() {
        SimulationSummary[] result = compare(lowRate(5, true, 12));

        assertThat(result[0].underProvisionedMinutes()).isLessThanOrEqualTo(result[1].underProvisionedMinutes());
        assertThat(result[0].replicaHours()).isLessThanOrEqualTo(result[1].replicaHours() * 1.05);
    }
}
