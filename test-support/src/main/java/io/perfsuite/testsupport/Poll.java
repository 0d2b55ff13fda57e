package io.perfsuite.testsupport;

import java.time.Duration;

/** Waits for a condition with a deadline; the only place test-support sleeps. */
final class Poll {

    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;

    /** A readiness check. Returning false or throwing means "not yet"; a {@link TestServerException} means "never". */
    @FunctionalInterface
    interface Probe {
        boolean check() throws Exception;
    }

    private Poll() {
    }

    static void until(String what, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        Exception lastFailure = null;
        while (true) {
            try {
                if (probe.check()) {
                    return;
                }
            } catch (TestServerException e) {
                throw e;
            } catch (Exception e) {
                lastFailure = e;
            }
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                throw new TestServerException("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (lastFailure == null ? "" : " (last failure: " + lastFailure + ")"), lastFailure);
            }
            sleep(Math.min(pauseMillis, remainingMillis));
            pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestServerException("Interrupted while waiting", e);
        }
    }
}
