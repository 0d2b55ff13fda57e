package io.perfsuite.autoscaler.policy;

/**
 * One broken rule in a ScalingPolicy spec.
 *
 * @param field the JSON path, e.g. {@code spec.behavior.scaleUp.policies[0].periodSeconds}
 * @param rule the rule, e.g. {@code minimum:1}, {@code minReplicas<=maxReplicas}, {@code cron}
 * @param message a sentence for people
 */
public record SpecViolation(String field, String rule, String message) {
}
