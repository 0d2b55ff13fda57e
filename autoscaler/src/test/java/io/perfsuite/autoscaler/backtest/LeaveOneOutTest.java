package io.perfsuite.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.autoscaler.backtest.simulation.Bill;
import io.perfsuite.autoscaler.backtest.simulation.LeaveOneOut;
import io.perfsuite.autoscaler.backtest.simulation.LeaveOneOut.Fold;

class LeaveOneOutTest {

    private static final List<Fold> FOLDS = List.of(new Fold("a", LeaveOneOut.DAILY), new Fold("b", LeaveOneOut.DAILY),
            new Fold("r", LeaveOneOut.REQUEST));
    private static final Bill[] HPA = {new Bill(100, 100), new Bill(100, 100), new Bill(100, 100)};

    @Test
    void shouldChooseTheBestConfigurationWithinTheReplicaHourBudget() {
        Bill[][] policy = {
                // 0: the fewest minutes, but 10 % more replica-hours: out of budget
                {new Bill(0, 110), new Bill(0, 110), new Bill(0, 110)},
                // 1: 60 % fewer everywhere at 1.04x
                {new Bill(40, 104), new Bill(40, 104), new Bill(40, 104)},
                // 2: great on the daily folds, poor on the request trace: the worse group decides
                {new Bill(10, 101), new Bill(10, 101), new Bill(90, 101)}};

        assertThat(new LeaveOneOut(FOLDS, HPA, policy).choose(f -> true)).isEqualTo(1);
    }

    @Test
    void shouldScoreEachFoldWithTheConfigurationChosenWithoutIt() {
        Bill[][] policy = {
                // 0: fits folds a and r, fails b
                {new Bill(20, 100), new Bill(100, 100), new Bill(20, 100)},
                // 1: middling everywhere
                {new Bill(50, 100), new Bill(50, 100), new Bill(50, 100)}};
        LeaveOneOut loo = new LeaveOneOut(FOLDS, HPA, policy);

        int[] chosen = loo.leaveEachOut();

        // without b, configuration 0 looks best (80 % on a and on r); with b in, 1 wins
        assertThat(chosen).containsExactly(1, 0, 1);
        Bill[] leftOut = loo.leftOutBills();
        assertThat(leftOut[1].underMinutes()).isEqualTo(100);
        var groups = loo.groups(leftOut, Set.of(LeaveOneOut.DAILY));
        assertThat(groups.get(0).reduction()).isEqualTo(0.25);
    }

    @Test
    void shouldPenaliseConfigurationsThatMakeSeasonlessTracesWorse() {
        List<Fold> folds = List.of(new Fold("a", LeaveOneOut.DAILY), new Fold("o", LeaveOneOut.OTHER));
        Bill[] hpa = {new Bill(100, 100), new Bill(100, 100)};
        Bill[][] policy = {
                {new Bill(30, 100), new Bill(160, 100)},
                {new Bill(40, 100), new Bill(100, 100)}};

        assertThat(new LeaveOneOut(folds, hpa, policy).choose(f -> true)).isEqualTo(1);
    }
}
