package io.perfsuite.loadbalancer.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.vertx.core.impl.ContextInternal;

/**
 * One event loop's exchange deadlines (request timeout until the response head, idle timeout between chunks after
 * it). Entries with the same timeout are kept in one lane, and since each deadline is "now + that timeout", a lane is
 * ordered by deadline just by appending: arming, moving a deadline forward for a chunk and disarming are pointer
 * moves, with no timer, task or map entry per request. One periodic tick per loop, running only while some lane is
 * not empty, expires the heads that are due. A Vert.x timer per exchange cost about 5 % of the loop's CPU samples
 * (a timer map entry, a scheduled task and a heap insertion and removal for every request).
 */
final class ExchangeDeadlines {

    /** How late a deadline may fire: timeouts are configured in hundreds of milliseconds at the least. */
    static final long TICK_MILLIS = 10;

    /** Something with a deadline: the exchange itself, so arming allocates nothing. */
    abstract static class Entry {
        private Entry prev;
        private Entry next;
        private Lane lane;
        private long deadlineNanos;

        /** The deadline passed; the entry is no longer armed. */
        abstract void expired();

        final boolean armed() {
            return lane != null;
        }
    }

    private static final class Lane {
        final long timeoutNanos;
        Entry head;
        Entry tail;

        Lane(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }
    }

    private final ContextInternal context;
    private final LongSupplier nanoClock;
    // a handful at most: one per distinct timeout in the routing file
    private final List<Lane> lanes = new ArrayList<>(4);
    private long tickTimer = -1;
    private int armed;

    ExchangeDeadlines(ContextInternal context) {
        this(context, System::nanoTime);
    }

    ExchangeDeadlines(ContextInternal context, LongSupplier nanoClock) {
        this.context = context;
        this.nanoClock = nanoClock;
    }

    /** Sets {@code entry}'s deadline {@code timeoutNanos} from now, replacing any deadline it had. */
    void arm(Entry entry, long timeoutNanos) {
        disarm(entry);
        Lane lane = lane(timeoutNanos);
        entry.deadlineNanos = nanoClock.getAsLong() + timeoutNanos;
        entry.lane = lane;
        entry.prev = lane.tail;
        if (lane.tail == null) {
            lane.head = entry;
        } else {
            lane.tail.next = entry;
        }
        lane.tail = entry;
        if (armed++ == 0 && tickTimer < 0) {
            tickTimer = context.setPeriodic(TICK_MILLIS, id -> tick());
        }
    }

    /** Moves an armed entry's deadline to its timeout from now (a chunk arrived); nothing when it is not armed. */
    void touch(Entry entry) {
        Lane lane = entry.lane;
        if (lane != null) {
            arm(entry, lane.timeoutNanos);
        }
    }

    void disarm(Entry entry) {
        Lane lane = entry.lane;
        if (lane == null) {
            return;
        }
        if (entry.prev == null) {
            lane.head = entry.next;
        } else {
            entry.prev.next = entry.next;
        }
        if (entry.next == null) {
            lane.tail = entry.prev;
        } else {
            entry.next.prev = entry.prev;
        }
        entry.prev = null;
        entry.next = null;
        entry.lane = null;
        armed--;
    }

    private Lane lane(long timeoutNanos) {
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            if (lane.timeoutNanos == timeoutNanos) {
                return lane;
            }
        }
        Lane lane = new Lane(timeoutNanos);
        lanes.add(lane);
        return lane;
    }

    /** Expires every entry that is due, earliest first in each lane. */
    void tick() {
        long now = nanoClock.getAsLong();
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            Entry head;
            while ((head = lane.head) != null && head.deadlineNanos - now <= 0) {
                disarm(head);
                head.expired();
            }
        }
        if (armed == 0 && tickTimer >= 0) {
            // nothing in flight: no wake-ups on an idle loop
            context.owner().cancelTimer(tickTimer);
            tickTimer = -1;
        }
    }

    /** Entries armed now (for tests). */
    int armed() {
        return armed;
    }

    /** True while the periodic tick runs (for tests: an idle loop has none). */
    boolean ticking() {
        return tickTimer >= 0;
    }

    void close() {
        if (tickTimer >= 0) {
            context.owner().cancelTimer(tickTimer);
            tickTimer = -1;
        }
    }
}
