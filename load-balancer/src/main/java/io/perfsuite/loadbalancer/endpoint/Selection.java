package io.perfsuite.loadbalancer.endpoint;

/** The pool's answer: an endpoint and why, or {@link #none()}. */
public record Selection(Endpoint endpoint, SelectionReason reason) {

    private static final Selection NONE = new Selection(null, SelectionReason.NONE);

    public static Selection none() {
        return NONE;
    }

    public boolean found() {
        return endpoint != null;
    }
}
