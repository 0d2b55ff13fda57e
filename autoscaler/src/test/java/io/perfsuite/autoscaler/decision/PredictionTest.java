package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.MutableClock;

class PredictionTest {

    private static final int DAY = 1440;
    private static final int WEEK = 7 * DAY;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    /** Load with a daily cycle: a morning ramp from 100 to 1000 between 08:00 and 09:00, back down at 18:00. */
    private static double dailyLoad(int minuteOfDay) {
        if (minuteOfDay < 8 * 60 || minuteOfDay >= 18 * 60) {
            return 100;
        }
        return minuteOfDay < 9 * 60 ? 100 + 900.0 * (minuteOfDay - 480) / 60 : 1000;
    }

    private static double[] series(int minutes, double noise, Random random) {
        double[] x = new double[minutes];
        for (int i = 0; i < minutes; i++) {
            x[i] = dailyLoad(i % DAY) * (1 + noise * random.nextGaussian());
        }
        return x;
    }

    private static Forecaster forecaster() {
        return forecaster(ForecasterParameters.DEFAULT);
    }

    private static Forecaster forecaster(ForecasterParameters parameters) {
        return new Forecaster(DAY, WEEK, parameters, new SplittableRandom(7));
    }

    @Test
    void shouldDetectDailySeasonality() {
        Seasons seasons = forecaster().detectSeasons(series(3 * DAY, 0.05, new Random(1)));

        assertThat(seasons.daily()).isTrue();
        assertThat(seasons.dailyAutocorrelation()).isGreaterThan(0.8);
        assertThat(seasons.shuffledBound()).isLessThan(0.1);
    }

    @Test
    void shouldFindNoSeasonInWhiteNoise() {
        Random random = new Random(2);
        double[] noise = new double[3 * DAY];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 100 + 10 * random.nextGaussian();
        }

        Seasons seasons = forecaster().detectSeasons(noise);

        assertThat(seasons.any()).isFalse();
        assertThat(forecaster().forecast(noise, 2, seasons).predicts()).isFalse();
    }

    @Test
    void shouldNotMistakeALevelShiftForASeason() {
        // five quiet days, then a steady level: the raw series correlates at a day, its level-removed residual not
        Random random = new Random(3);
        double[] shift = new double[10 * DAY];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = (i < 5 * DAY ? 1 : 100) * (1 + 0.1 * random.nextGaussian());
        }

        Seasons seasons = forecaster().detectSeasons(shift);

        assertThat(Forecaster.autocorrelation(shift, DAY)).isGreaterThan(0.5);
        assertThat(seasons.daily()).isFalse();
        assertThat(forecaster().forecast(shift, 2, seasons).method()).isEqualTo("reactive");
    }

    @Test
    void shouldDetectAWeeklySeasonWhenWeekendsDiffer() {
        Random noise = new Random(5);
        double[] threeWeeks = new double[3 * WEEK];
        for (int i = 0; i < threeWeeks.length; i++) {
            boolean weekend = (i / DAY) % 7 >= 5;
            threeWeeks[i] = (weekend ? 100 : dailyLoad(i % DAY)) * (1 + 0.05 * noise.nextGaussian());
        }

        assertThat(forecaster().detectSeasons(threeWeeks).weekly()).isTrue();
    }

    @Test
    void shouldForecastTheMorningRampFromPreviousDays() {
        // history ends at 08:29 on day four: the next two minutes climb to 235
        double[] history = series(3 * DAY + 8 * 60 + 30, 0.02, new Random(3));
        Forecaster forecaster = forecaster(ForecasterParameters.DEFAULT.withMarginQuantile(0.5));

        Forecast forecast = forecaster.forecast(history, 2, forecaster.detectSeasons(history));

        assertThat(forecast.predicts()).isTrue();
        assertThat(forecast.method()).startsWith("daily");
        assertThat(forecast.peak()).isBetween(dailyLoad(8 * 60 + 31) * 0.9, dailyLoad(8 * 60 + 31) * 1.1);
    }

    @Test
    void shouldCarryTheProfileOnTodaysLevel() {
        // today runs 300 above the past days since midnight: the adapting level carries the ramp up by as much
        double[] history = series(3 * DAY + 8 * 60 + 30, 0.0, new Random(4));
        for (int i = 3 * DAY; i < history.length; i++) {
            history[i] += 300;
        }
        Forecaster forecaster = forecaster(ForecasterParameters.DEFAULT.withMarginQuantile(0.5));

        Forecast forecast = forecaster.forecast(history, 2, forecaster.detectSeasons(history));

        assertThat(forecast.peak()).isCloseTo(dailyLoad(8 * 60 + 31) + 300,
                org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void shouldLearnAWiderMarginFromANoisierSeries() {
        Forecaster forecaster = forecaster(ForecasterParameters.DEFAULT.withMarginQuantile(0.9));
        double[] quiet = series(4 * DAY, 0.02, new Random(6));
        double[] noisy = series(4 * DAY, 0.15, new Random(6));

        double quietMargin = forecaster.forecast(quiet, 2, forecaster.detectSeasons(quiet)).margin();
        double noisyMargin = forecaster.forecast(noisy, 2, forecaster.detectSeasons(noisy)).margin();

        // the 90th percentile of the peak's relative miss: about 1.3 sigma of the noise, more for the noisy one
        assertThat(quietMargin).isBetween(0.0, 0.1);
        assertThat(noisyMargin).isGreaterThan(quietMargin + 0.05);
    }

    @Test
    void shouldUseLastWeeksProfileOnASaturdayAfterWeekdays() {
        Random noise = new Random(8);
        // three weeks where weekends stay at 100; history ends on a Saturday at 08:29 (day 19 = Saturday)
        double[] history = new double[2 * WEEK + 5 * DAY + 8 * 60 + 30];
        for (int i = 0; i < history.length; i++) {
            boolean weekend = (i / DAY) % 7 >= 5;
            history[i] = (weekend ? 100 : dailyLoad(i % DAY)) * (1 + 0.02 * noise.nextGaussian());
        }
        // the profiles judged over a week, so last weekend's mornings count against the daily one
        Forecaster forecaster = forecaster(new ForecasterParameters(3, 0.3, 0.5, 0.9, WEEK, 0.3));
        double[] lastTwoWeeks = java.util.Arrays.copyOfRange(history, history.length - 2 * WEEK, history.length);

        Forecast forecast = forecaster.forecast(lastTwoWeeks, 30, forecaster.detectSeasons(lastTwoWeeks));

        assertThat(forecast.method()).isIn("weekly", "daily+weekly");
        assertThat(forecast.peak()).isBetween(80.0, 130.0);
    }

    @Test
    void shouldScaleAheadOfTheMorningRampWhereReactiveScalingLags() {
        MetricRule rps = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);
        MutableClock clock = new MutableClock(START);
        PolicyRules reactive = PolicyRules.hpa(1, 20, List.of(rps));
        ScalingDecider predictive = new ScalingDecider(
                reactive.withPrediction(PredictionSettings.of("rps", Duration.ofMinutes(5))), clock,
                new SplittableRandom(1));
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
        assertThat(decision.forecastMethod()).startsWith("daily");
        assertThat(decision.message()).contains("learned margin");
    }

    @Test
    void shouldDecideExactlyAsReactiveScalingWhenTheSeriesHasNoSeason() {
        MetricRule rps = new MetricRule("rps", TargetType.AVERAGE_VALUE, 100);
        MutableClock clock = new MutableClock(START);
        PolicyRules reactive = PolicyRules.hpa(1, 20, List.of(rps));
        PolicyRules withPrediction = reactive.withPrediction(new PredictionSettings("rps", Duration.ofDays(14),
                Duration.ofMinutes(2), Duration.ofMinutes(1), 0, ForecasterParameters.DEFAULT, Duration.ofSeconds(60)));
        ScalingDecider predictive = new ScalingDecider(withPrediction, clock, new SplittableRandom(2));
        ScalingDecider hpa = new ScalingDecider(reactive, clock);
        Random random = new Random(9);
        int replicasPredictive = 3;
        int replicasHpa = 3;
        for (int minute = 0; minute < 3 * DAY; minute++) {
            double value = Math.max(0, 300 + 80 * random.nextGaussian());
            ScalingDecision a = predictive.decide(new Observation(replicasPredictive, Map.of("rps", value)));
            ScalingDecision b = hpa.decide(new Observation(replicasHpa, Map.of("rps", value)));
            replicasPredictive = a.to();
            replicasHpa = b.to();
            assertThat(a.to()).as("minute %d", minute).isEqualTo(b.to());
            assertThat(a.forecast()).isNull();
            clock.advance(Duration.ofMinutes(1));
        }
    }
}
