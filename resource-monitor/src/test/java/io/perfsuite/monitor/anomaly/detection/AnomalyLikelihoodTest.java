package io.perfsuite.monitor.anomaly.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

    private static void feed(AnomalyLikelihood likelihood, int points, double low, double high) {
        for (int i = 0; i < points; i++) {
            likelihood.update(i % 2 == 0 ? low : high);
        }
    }

    private static double burst(AnomalyLikelihood likelihood, double raw) {
        double last = 0;
        for (int i = 0; i < 3; i++) {
            last = likelihood.update(raw);
        }
        return last;
    }

    @Test
    void shouldNotTakeACalmHistoryForTheWholeStoryOfANoisySeries() {
        AnomalyLikelihood noisyThenCalm = new AnomalyLikelihood(100, 3, 0.5);
        feed(noisyThenCalm, 500, 0.0, 0.4);
        feed(noisyThenCalm, 300, 0.05, 0.05);

        assertThat(burst(noisyThenCalm, 0.45))
                .as("the last 100 points were calm, but the series has been this noisy before")
                .isLessThan(0.5);
    }

    @Test
    void shouldStillFlagTheSameBurstOnASeriesThatWasAlwaysCalm() {
        AnomalyLikelihood alwaysCalm = new AnomalyLikelihood(100, 3, 0.5);
        feed(alwaysCalm, 800, 0.05, 0.05);

        assertThat(burst(alwaysCalm, 0.45)).isGreaterThan(0.99);
    }

    @Test
    void shouldForgetOldNoiseAfterItsLongMemory() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(100, 3, 0.5);
        feed(likelihood, 5000, 0.0, 0.4);
        feed(likelihood, 10_000, 0.05, 0.05);

        assertThat(burst(likelihood, 0.45)).as("5,000 noisy points, then 10,000 calm: past a memory of 1,000")
                .isGreaterThan(0.99);
    }

    @Test
    void shouldUseTheRecentSpreadWhenItIsTheWiderOne() {
        AnomalyLikelihood calmThenNoisy = new AnomalyLikelihood(100, 3, 0.5);
        feed(calmThenNoisy, 700, 0.05, 0.05);
        feed(calmThenNoisy, 100, 0.0, 0.4);

        assertThat(burst(calmThenNoisy, 0.45)).as("within the recent noise").isLessThan(0.1);
    }

    @Test
    void shouldMoveTheSpreadTowardTheLongRunByTheBlendWeight() {
        double[] burstAfterCalm = new double[3];
        double[] weights = {0.0, 0.5, 1.0};
        for (int w = 0; w < weights.length; w++) {
            AnomalyLikelihood likelihood = new AnomalyLikelihood(100, 3, weights[w]);
            feed(likelihood, 500, 0.0, 0.4);
            feed(likelihood, 300, 0.05, 0.05);
            burstAfterCalm[w] = burst(likelihood, 0.45);
        }

        assertThat(burstAfterCalm[0]).as("weight 0: only the calm history's spread, the burst looks impossible")
                .isGreaterThan(0.99);
        assertThat(burstAfterCalm[1]).isLessThan(burstAfterCalm[0]);
        assertThat(burstAfterCalm[2]).as("weight 1: the long run's spread").isLessThan(burstAfterCalm[1]);
    }
}
