package io.perfsuite.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test started, closed newest first: the services before what they use (SIGTERM lets their exporters flush
 * while the trace backend still runs). A failure to close one is reported and the rest are still closed.
 */
final class Started implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("e2e: could not close " + resources.get(i) + ": " + e);
            }
        }
        resources.clear();
    }
}
