package io.perfsuite.autoscaler.scaling;

public class TargetNotFoundException extends RuntimeException {

    public TargetNotFoundException(ScaleTarget target) {
        super(target.kind() + " " + target.namespace() + "/" + target.name() + " not found");
    }
}
