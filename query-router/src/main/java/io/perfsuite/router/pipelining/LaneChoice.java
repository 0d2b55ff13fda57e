package io.perfsuite.router.pipelining;

/**
 * Where a read goes among the shared connections ("lanes") of one event loop. Statements on a lane run one after
 * another, so a read queued behind a slow statement waits for it: a lane whose oldest statement has run longer than
 * {@code stallNanos} takes nothing new, and when no lane can take a read it runs on a connection of its own instead.
 *
 * <p>Pure: the caller passes each lane's statements in flight and how long the oldest has been running.
 */
public final class LaneChoice {

    /** Open a new lane for this read. */
    public static final int OPEN = -1;

    /** No lane fits: run the read on an exclusive connection. */
    public static final int DECLINE = -2;

    private LaneChoice() {
    }

    /**
     * @param inFlight statements in flight per open lane
     * @param oldestRunningNanos per open lane, how long its oldest statement in flight has been running (0 if none)
     * @param maxLanes how many lanes the event loop may open
     * @param depth most statements in flight on one lane
     * @param stallNanos a lane whose oldest statement has run this long takes no new statement
     * @return the index of the lane to use, {@link #OPEN} or {@link #DECLINE}
     */
    public static int choose(int[] inFlight, long[] oldestRunningNanos, int maxLanes, int depth, long stallNanos) {
        int best = -1;
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] == 0) {
                return i;
            }
            boolean usable = inFlight[i] < depth && oldestRunningNanos[i] < stallNanos;
            if (usable && (best < 0 || inFlight[i] < inFlight[best])) {
                best = i;
            }
        }
        if (inFlight.length < maxLanes) {
            // every open lane is busy: a fresh connection costs less than queueing behind someone
            return OPEN;
        }
        return best >= 0 ? best : DECLINE;
    }
}
