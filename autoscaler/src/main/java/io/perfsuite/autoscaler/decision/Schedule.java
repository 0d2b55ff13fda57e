package io.perfsuite.autoscaler.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A known event: from each time {@code cron} fires (in {@code zone}) and for {@code duration}, the floor is raised to
 * {@code minReplicas} and/or the ceiling to {@code maxReplicas}.
 */
public record Schedule(String name, CronExpression cron, ZoneId zone, Duration duration, Integer minReplicas,
        Integer maxReplicas) {

    public Schedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("schedule duration must be positive");
        }
        if (minReplicas == null && maxReplicas == null) {
            throw new IllegalArgumentException("schedule " + name + " raises neither floor nor ceiling");
        }
    }

    /** True when a firing of the cron lies within (at - duration, at]. */
    public boolean activeAt(Instant at) {
        ZonedDateTime minute = at.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime earliest = at.minus(duration).atZone(zone);
        // walking back minute by minute is cheap for event-length windows and exact across DST changes
        for (ZonedDateTime t = minute; t.isAfter(earliest); t = t.minusMinutes(1)) {
            if (cron.matches(t)) {
                return true;
            }
        }
        return false;
    }
}
