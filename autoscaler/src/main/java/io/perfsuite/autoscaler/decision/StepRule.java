package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * A threshold rule for operators who think in steps: "when cpu &gt; 70 for 2 minutes, double".
 *
 * @param metric the metric the condition reads
 * @param comparison above or below the threshold
 * @param threshold the value compared with
 * @param holdFor how long the condition must hold without a break before the rule fires
 * @param change what the rule does to the current replica count
 */
public record StepRule(String metric, Comparison comparison, double threshold, Duration holdFor, Change change) {

    public enum Comparison {
        ABOVE, BELOW;

        boolean holds(double value, double threshold) {
            return this == ABOVE ? value > threshold : value < threshold;
        }
    }

    /** MULTIPLY by a factor (2 doubles, 0.5 halves) or ADD pods (negative removes). */
    public record Change(Kind kind, double amount) {
        public enum Kind {
            MULTIPLY, ADD
        }

        public Change {
            if (kind == Kind.MULTIPLY && !(amount > 0)) {
                throw new IllegalArgumentException("a multiply factor must be positive");
            }
        }

        int apply(int current) {
            return switch (kind) {
                // rounding away from the current count, so "double 1" and "halve 3" both move
                case MULTIPLY -> amount >= 1 ? (int) Math.ceil(current * amount) : (int) Math.floor(current * amount);
                case ADD -> (int) Math.round(current + amount);
            };
        }
    }

    public StepRule {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(change, "change");
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("for must not be negative");
        }
    }

    public String describe() {
        return metric + (comparison == Comparison.ABOVE ? " > " : " < ") + threshold + " for " + holdFor.toSeconds()
                + "s: " + (change.kind() == Change.Kind.MULTIPLY ? "x" : "+") + change.amount();
    }
}
