package io.perfsuite.autoscaler.policy;

import java.util.List;

/** A spec that cannot be turned into rules; carries every violation found, the first one first. */
public class InvalidSpecException extends RuntimeException {

    private final List<SpecViolation> violations;

    public InvalidSpecException(List<SpecViolation> violations) {
        super(violations.isEmpty()
                ? "invalid spec"
                : violations.get(0).field() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<SpecViolation> violations() {
        return violations;
    }
}
