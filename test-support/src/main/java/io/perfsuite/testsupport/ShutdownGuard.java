package io.perfsuite.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Closes every server still open when the JVM exits, so none outlives a test run that forgot or failed to close it. */
final class ShutdownGuard {

    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownGuard::closeAll, "perfsuite-test-servers-shutdown"));
    }

    private ShutdownGuard() {
    }

    static synchronized void register(AutoCloseable server) {
        OPEN.add(server);
    }

    static synchronized void unregister(AutoCloseable server) {
        OPEN.remove(server);
    }

    private static void closeAll() {
        List<AutoCloseable> newestFirst;
        synchronized (ShutdownGuard.class) {
            newestFirst = new ArrayList<>(OPEN);
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            try {
                newestFirst.get(i).close();
            } catch (Throwable e) {
                System.err.println("perfsuite test-support: could not close " + newestFirst.get(i) + " at JVM exit: " + e);
            }
        }
    }
}
