package io.perfsuite.autoscaler.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

/**
 * Synthetic one-minute series with known answers: a flat level of 100 and bursts to 500 for five minutes at minute 602
 * of the day on chosen days.
 */
class RecurringBurstsTest {

    private static final int DAY = 1440;
    private static final int BURST_MINUTE = 602;

    /** {@code days} whole days, then today up to and including {@code minuteToday} (the current, last step). */
    private static double[] series(int days, int minuteToday, IntPredicate burstsOn) {
        double[] x = new double[days * DAY + minuteToday + 1];
        Arrays.fill(x, 100);
        for (int d = 0; d < days; d++) {
            if (burstsOn.test(d)) {
                Arrays.fill(x, d * DAY + BURST_MINUTE, d * DAY + BURST_MINUTE + 5, 500);
            }
        }
        return x;
    }

    /** The decayed share of the last seven days (yesterday first) that burst. */
    private static double share(boolean... burstYesterdayFirst) {
        double bursting = 0;
        double all = 0;
        double w = 1;
        for (boolean b : burstYesterdayFirst) {
            all += w;
            bursting += b ? w : 0;
            w *= RecurringBursts.DECAY;
        }
        return bursting / all;
    }

    @Test
    void shouldGiveTheDecayedShareOfDaysThatBurstAtTheComingMinuteAndTheirHeight() {
        // eight days, bursting on days 2, 4 and 6 (two, four and six days ago); now is minute 601 of day 8
        double[] x = series(8, 601, d -> d == 2 || d == 4 || d == 6);

        RecurringBursts.Outlook outlook = new RecurringBursts(DAY).outlook(x, 2, 0.3);

        assertThat(outlook.probability())
                .isCloseTo(share(false, true, false, true, false, true, false), within(1e-9));
        // the level now (100) times the bursts' height over the level they rose from (500 / 100)
        assertThat(outlook.peak()).isCloseTo(500, within(1e-9));
    }

    @Test
    void shouldLookAtTheCurrentStepAsWellAsTheNext() {
        double[] everyDay = series(7, BURST_MINUTE, d -> true);

        // the burst starts within the current step: the floor must not drop at its start
        assertThat(new RecurringBursts(DAY).outlook(everyDay, 2, 0.5).probability()).isEqualTo(1.0);
        // two minutes after it, nothing is due
        assertThat(new RecurringBursts(DAY).outlook(series(7, BURST_MINUTE + 2, d -> true), 2, 0.5).probability())
                .isZero();
    }

    @Test
    void shouldGiveAtMostOneDaysShareWhereBurstsComeAtADifferentMinuteEachDay() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[9 * DAY];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + 5 * random.nextDouble();
        }
        for (int d = 0; d < 9; d++) {
            int at = d * DAY + 100 + 131 * d;
            Arrays.fill(x, at, at + 5, 500);
        }
        RecurringBursts bursts = new RecurringBursts(DAY);

        double highest = 0;
        for (int now = 8 * DAY; now < 9 * DAY - 1; now++) {
            highest = Math.max(highest, bursts.outlook(Arrays.copyOf(x, now + 1), 2, 0.3).probability());
        }
        // yesterday's burst alone, the heaviest single day: below any threshold worth using
        assertThat(highest).isCloseTo(share(true, false, false, false, false, false, false), within(1e-9))
                .isLessThan(0.25);
    }

    @Test
    void shouldCountOnlyTheStepABurstStartsAt() {
        double[] x = series(1, 0, d -> true);

        assertThat(RecurringBursts.burstHeight(x, BURST_MINUTE)).isEqualTo(5.0);
        assertThat(RecurringBursts.burstHeight(x, BURST_MINUTE + 1)).isZero();
        assertThat(RecurringBursts.burstHeight(x, BURST_MINUTE - 1)).isZero();
    }

    @Test
    void shouldNeedThreeDaysSeenBeforeAnySlotCounts() {
        assertThat(new RecurringBursts(DAY).outlook(series(2, 601, d -> true), 2, 0.1).probability()).isZero();
        assertThat(new RecurringBursts(DAY).outlook(series(3, 601, d -> true), 2, 0.1).probability()).isEqualTo(1.0);
    }

    @Test
    void shouldRaiseTheForecastAheadOfAUsualBurstOnASeasonlessSeriesAndNowhereElse() {
        Forecaster forecaster = new Forecaster(DAY, 7 * DAY, ForecasterParameters.DEFAULT.withBurstThreshold(0.5),
                new SplittableRandom(7));
        // bursts on six of the last seven days; a series the season test found seasonless, so reactive elsewhere
        double[] before = series(7, 601, d -> d != 3);
        Seasons seasons = new Seasons(false, false, 0, 0, 0);

        Forecast ahead = forecaster.forecast(before, 2, seasons);
        Forecast later = forecaster.forecast(series(7, 900, d -> d != 3), 2, seasons);
        Forecast withoutBursts = new Forecaster(DAY, 7 * DAY, ForecasterParameters.DEFAULT.withBurstThreshold(0),
                new SplittableRandom(7)).forecast(before, 2, seasons);

        assertThat(ahead.predicts()).isTrue();
        assertThat(ahead.method()).isEqualTo("burst");
        assertThat(ahead.peak()).isCloseTo(500, within(1e-9));
        assertThat(later.predicts()).isFalse();
        assertThat(withoutBursts.predicts()).isFalse();
    }
}
