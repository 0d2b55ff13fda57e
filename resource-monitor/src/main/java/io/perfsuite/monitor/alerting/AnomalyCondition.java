package io.perfsuite.monitor.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The condition of an anomaly rule: each series of {@code query} goes through a streaming detector, and the series
 * whose score reaches the threshold of {@code sensitivity} (in [0, 1], higher flags more) make the rule's result,
 * with the score as {@code $value}. From there {@code for}, {@code keep_firing_for} and the states are those of any
 * alert rule.
 */
public record AnomalyCondition(String query, String detector, double sensitivity) {

    /** The detectors anomaly rules can use: AnomalyScores runs the contextual detector, the one scored on NAB. */
    public static final Set<String> DETECTORS = Set.of("context");

    /** Scores one sample of one series; how is the adapter's business (a detector per series). */
    @FunctionalInterface
    public interface Scorer {
        double score(Sample sample);
    }

    /** Decides whether a score is anomalous at a sensitivity. */
    @FunctionalInterface
    public interface Threshold {
        boolean isAnomalous(double score, double sensitivity);
    }

    /** The anomalous series of one evaluation, valued by their scores. Every sample is scored, anomalous or not. */
    public List<Sample> anomalous(List<Sample> samples, Scorer scorer, Threshold threshold) {
        List<Sample> out = new ArrayList<>();
        for (Sample sample : samples) {
            double score = scorer.score(sample);
            if (threshold.isAnomalous(score, sensitivity)) {
                out.add(new Sample(sample.labels(), score));
            }
        }
        return out;
    }
}
