package io.perfsuite.router.routing;

/** Which kind of node a statement needs: a replica can take it, or only the primary can run it correctly. */
public enum Route {
    PRIMARY, REPLICA;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
