package io.perfsuite.monitor.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The monitor's own reading of {@code /api/v1/targets}: only the fields it uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetsResponse(String status, Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(List<ActiveTarget> activeTargets) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActiveTarget(Map<String, String> labels, String scrapeUrl, String health, String lastError,
            Instant lastScrape, double lastScrapeDuration) {
    }
}
