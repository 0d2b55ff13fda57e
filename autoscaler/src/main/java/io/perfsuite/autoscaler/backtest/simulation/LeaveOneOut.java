package io.perfsuite.autoscaler.backtest.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Chooses a configuration by leaving one fold out: for each fold, the configuration that scores best on all the other
 * folds, scored on the one left out. The score is the goal itself: the smallest reduction of under-provisioned minutes
 * against the reference HPA over the goal groups ({@link #DAILY} and {@link #REQUEST}, each summed over its folds),
 * among configurations that spend at most {@link #REPLICA_HOURS_BUDGET} times the HPA's replica-hours in every group,
 * minus how much worse than the HPA the {@link #OTHER} folds (no daily pattern) get.
 */
public final class LeaveOneOut {

    public static final String DAILY = "daily";
    public static final String REQUEST = "request";
    public static final String OTHER = "other";
    public static final double REPLICA_HOURS_BUDGET = 1.05;

    /** A stretch of a trace scored on its own, in one group. */
    public record Fold(String name, String group) {
    }

    /** What a group of folds came to under one configuration. */
    public record GroupScore(String group, Bill reference, Bill policy) {

        /** 1 - ours / HPA's under-provisioned minutes; 0 when neither side was ever short. */
        public double reduction() {
            if (reference.underMinutes() == 0) {
                return policy.underMinutes() == 0 ? 0 : -policy.underMinutes();
            }
            return 1 - policy.underMinutes() / reference.underMinutes();
        }

        public double replicaHoursRatio() {
            return reference.replicaHours() == 0 ? 1 : policy.replicaHours() / reference.replicaHours();
        }
    }

    private final List<Fold> folds;
    private final Bill[] reference;
    private final Bill[][] policy;

    /**
     * @param reference the HPA's bill per fold
     * @param policy the policy's bill per configuration and fold
     */
    public LeaveOneOut(List<Fold> folds, Bill[] reference, Bill[][] policy) {
        this.folds = List.copyOf(folds);
        this.reference = reference.clone();
        this.policy = policy.clone();
        for (Bill[] row : policy) {
            if (row.length != folds.size()) {
                throw new IllegalArgumentException("one bill per fold and configuration");
            }
        }
        if (reference.length != folds.size() || policy.length == 0) {
            throw new IllegalArgumentException("one reference bill per fold and at least one configuration");
        }
    }

    public GroupScore group(int config, String group, IntPredicate included) {
        Bill ref = Bill.ZERO;
        Bill ours = Bill.ZERO;
        for (int f = 0; f < folds.size(); f++) {
            if (included.test(f) && folds.get(f).group().equals(group)) {
                ref = ref.plus(reference[f]);
                ours = ours.plus(policy[config][f]);
            }
        }
        return new GroupScore(group, ref, ours);
    }

    /** The goal score of a configuration over the included folds; higher is better, below -1 over budget. */
    public double score(int config, IntPredicate included) {
        double worst = Double.POSITIVE_INFINITY;
        double excess = 0;
        for (String g : List.of(DAILY, REQUEST)) {
            GroupScore s = group(config, g, included);
            if (s.reference().replicaHours() == 0) {
                continue;
            }
            worst = Math.min(worst, s.reduction());
            excess = Math.max(excess, s.replicaHoursRatio() - REPLICA_HOURS_BUDGET);
        }
        if (worst == Double.POSITIVE_INFINITY) {
            worst = 0;
        }
        if (excess > 0) {
            return -10 - excess;
        }
        GroupScore other = group(config, OTHER, included);
        return worst - Math.max(0, -other.reduction());
    }

    /** The best configuration over the included folds (the first of equals). */
    public int choose(IntPredicate included) {
        int best = 0;
        double bestScore = score(0, included);
        for (int c = 1; c < policy.length; c++) {
            double s = score(c, included);
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    /** For each fold, the configuration chosen on all the others. */
    public int[] leaveEachOut() {
        int[] chosen = new int[folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            int left = f;
            chosen[f] = choose(i -> i != left);
        }
        return chosen;
    }

    /** Each fold's policy bill under the configuration chosen without it. */
    public Bill[] leftOutBills() {
        int[] chosen = leaveEachOut();
        Bill[] bills = new Bill[folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            bills[f] = policy[chosen[f]][f];
        }
        return bills;
    }

    /** The groups' sums when every fold is billed as given (e.g. by {@link #leftOutBills}). */
    public List<GroupScore> groups(Bill[] bills, Set<String> groups) {
        List<GroupScore> out = new ArrayList<>();
        for (String g : groups) {
            Bill ref = Bill.ZERO;
            Bill ours = Bill.ZERO;
            for (int f = 0; f < folds.size(); f++) {
                if (folds.get(f).group().equals(g)) {
                    ref = ref.plus(reference[f]);
                    ours = ours.plus(bills[f]);
                }
            }
            out.add(new GroupScore(g, ref, ours));
        }
        return out;
    }

    public Bill reference(int fold) {
        return reference[fold];
    }

    public Bill policy(int config, int fold) {
        return policy[config][fold];
    }

    public List<Fold> folds() {
        return folds;
    }
}
