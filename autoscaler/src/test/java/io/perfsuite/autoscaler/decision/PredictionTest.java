package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class PredictionTest {

    private static final int DAY = 1440;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    /** Load with a daily cycle: a morning ramp from 100 to 1000 between 08:00 and 09:00, back down at 18:00. */
    private static double dailyLoad(int minuteOfDay) {
        if (minuteOfDay < 8 * 60 || minuteOfDay >= 18 * 60) {
            return 100;
        }
        return minuteOfDay < 9 * 60 ? 100 + 900.0 * (minuteOfDay - 480) / 60 : 1000;
    }

    private static double[] series(int minutes, Random noise) {
        double[] x = new double[minutes];
        for (int i = 0; i < minutes; i++) {
            x[i] = dailyLoad(i % DAY) * (1 + 0.05 * noise.nextGaussian());
        }
        return x;
    }

    @Test
    void shouldDetectDailySeasonality() {
        Forecaster forecaster = new Forecaster(DAY, 7 * DAY);

        assertThat(forecaster.detectSeason(series(3 * DAY, new Random(1)))).isEqualTo(DAY);
    }

    @Test
    void shouldPreferAWeeklySeasonWhenWeekendsDiffer() {
        Random noise = new Random(5);
        double[] threeWeeks = new double[21 * DAY];
        for (int i = 0; i < threeWeeks.length; i++) {
            boolean weekend = (i / DAY) % 7 >= 5;
            threeWeeks[i] = (weekend ? 100 : dailyLoad(i % DAY)) * (1 + 0.05 * noise.nextGaussian());
        }

        assertThat(new Forecaster(DAY, 7 * DAY).detectSeason(threeWeeks)).isEqualTo(7 * DAY);
    }

    @Test
    void shouldFindNoSeasonInWhiteNoise() {
        Random random = new Random(2);
        double[] noise = new double[3 * DAY];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 100 + 10 * random.nextGaussian();
        }

        assertThat(new Forecaster(DAY, 7 * DAY).detectSeason(noise)).isZero();
    }

    @Test
    void shouldForecastTheMorningRampFromPreviousDays() {
        Forecaster forecaster = new Forecaster(DAY, 7 * DAY);
        // history ends at 08:29 on day four: the next five minutes climb past 600
        double[] history = series(3 * DAY + 8 * 60 + 30, new Random(3));

        Forecast forecast = forecaster.forecast(history, 5, DAY);

        assertThat(forecast.method()).isEqualTo("seasonal-naive");
        assertThat(forecast.peak()).isBetween(dailyLoad(8 * 60 + 34) * 0.9, dailyLoad(8 * 60 + 34) * 1.1);
    }

    @Test
    void shouldExtrapolateATrendWithoutSeasonality() {
        double[] ramp = new double[60];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 100 + 10 * i;
        }

        Forecast forecast = new Forecaster(DAY).forecast(ramp, 10, 0);

        assertThat(forecast.method()).isEqualTo("holt");
        assertThat(forecast.peak()).isGreaterThan(ramp[59] + 50);
    }

    @Test
    void shouldScaleAheadOfTheMorningRampWhereReactiveScalingLags() {
        MetricRule rps = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);
        MutableClock clock = new MutableClock(START);
        PolicyRules reactive = PolicyRules.hpa(1, 20, List.of(rps));
        ScalingDecider predictive = new ScalingDecider(
                reactive.withPrediction(PredictionSettings.of("rps", Duration.ofMinutes(5))), clock);
        Random noise = new Random(4);
        for (int minute = 0; minute < 3 * DAY + 8 * 60 + 20; minute++) {
            predictive.seedHistory(START.plus(Duration.ofMinutes(minute)),
                    dailyLoad(minute % DAY) * (1 + 0.05 * noise.nextGaussian()));
        }
        clock.advance(Duration.ofMinutes(3 * DAY + 8 * 60 + 20));
        double now = dailyLoad(8 * 60 + 20);

        ScalingDecision decision = predictive.decide(new Observation(4, Map.of("rps", now)));
        ScalingDecision hpa = new ScalingDecider(reactive, clock).decide(new Observation(4, Map.of("rps", now)));

        assertThat(hpa.to()).isEqualTo(4);
        assertThat(decision.reason()).isEqualTo(Reason.PREDICTION);
        assertThat(decision.to()).isGreaterThanOrEqualTo(5);
        assertThat(decision.forecast()).isGreaterThan(now);
        assertThat(decision.forecastMethod()).isEqualTo("seasonal-naive");
    }
}
