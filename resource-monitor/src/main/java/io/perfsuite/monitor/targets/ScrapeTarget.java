package io.perfsuite.monitor.targets;

import java.time.Instant;

/** A Prometheus scrape target as the dashboard shows it. */
public record ScrapeTarget(String job, String instance, String health, Instant lastScrape, String lastError) {
}
