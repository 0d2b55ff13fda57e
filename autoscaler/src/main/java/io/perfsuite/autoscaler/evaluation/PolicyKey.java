package io.perfsuite.autoscaler.evaluation;

public record PolicyKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
