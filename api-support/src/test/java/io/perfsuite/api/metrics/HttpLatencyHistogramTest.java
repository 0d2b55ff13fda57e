package io.perfsuite.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class HttpLatencyHistogramTest {

    private static final Meter.Id HTTP = id("http.server.requests", Meter.Type.TIMER);

    @Test
    void shouldGiveHttpServerRequestsTheDefaultServiceLevelBuckets() {
        MeterFilter filter = HttpLatencyMetrics.filterFor(config(Map.of()));

        DistributionStatisticConfig configured = filter.configure(HTTP, DistributionStatisticConfig.DEFAULT);

        assertThat(configured.getServiceLevelObjectiveBoundaries()).containsExactly(millis(1, 2, 5, 10, 20, 50, 100,
                200, 500, 1_000, 2_000, 5_000, 10_000));
        assertThat(configured.isPercentileHistogram()).isFalse();
        assertThat(configured.isPublishingHistogram()).isTrue();
    }

    @Test
    void shouldReplaceAPercentileHistogramTheMetersBuilderAskedFor() {
        MeterFilter filter = new HttpLatencyHistogram(Set.of("lb.backend.latency"),
                LatencyBuckets.of("p", List.of(Duration.ofMillis(10), Duration.ofSeconds(1))));
        DistributionStatisticConfig asked = DistributionStatisticConfig.builder().percentilesHistogram(true).build();

        DistributionStatisticConfig configured = filter.configure(id("lb.backend.latency", Meter.Type.TIMER),
                asked.merge(DistributionStatisticConfig.DEFAULT));

        assertThat(configured.isPercentileHistogram()).isFalse();
        assertThat(configured.getServiceLevelObjectiveBoundaries()).containsExactly(millis(10, 1_000));
    }

    @Test
    void shouldLeaveEveryOtherMeterAsItWasBuilt() {
        MeterFilter filter = HttpLatencyMetrics.filterFor(config(Map.of()));
        DistributionStatisticConfig asked = DistributionStatisticConfig.builder().percentilesHistogram(true).build();

        assertThat(filter.configure(id("cache.reads", Meter.Type.TIMER), asked)).isSameAs(asked);
        assertThat(filter.configure(id("http.server.requests", Meter.Type.DISTRIBUTION_SUMMARY), asked))
                .isSameAs(asked);
        assertThat(filter.configure(id("http.client.requests", Meter.Type.TIMER), asked)).isSameAs(asked);
    }

    @Test
    void shouldPublishOneBucketSeriesPerBoundToPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(HttpLatencyMetrics.filterFor(config(Map.of())));
        Timer.builder("http.server.requests").tags("uri", "/v1/things", "status", "200").register(registry)
                .record(3, TimeUnit.MILLISECONDS);
        DistributionSummary.builder("payload.bytes").register(registry).record(10);

        String scrape = registry.scrape();

        assertThat(scrape).contains("http_server_requests_seconds_bucket{status=\"200\",uri=\"/v1/things\",le=\"0.002\"} 0")
                .contains("http_server_requests_seconds_bucket{status=\"200\",uri=\"/v1/things\",le=\"0.005\"} 1")
                .contains("http_server_requests_seconds_bucket{status=\"200\",uri=\"/v1/things\",le=\"+Inf\"} 1");
        assertThat(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket"))).hasSize(14);
        assertThat(scrape).doesNotContain("payload_bytes_bucket");
    }

    @Test
    void shouldTakeBucketsAndMetersFromConfiguration() {
        MeterFilter filter = HttpLatencyMetrics.filterFor(config(Map.of("perfsuite.metrics.http-latency-buckets",
                "5ms,50ms,500ms,5s", "perfsuite.metrics.http-latency-meters", "http.server.requests,lb.backend.latency")));

        assertThat(filter.configure(id("lb.backend.latency", Meter.Type.TIMER), DistributionStatisticConfig.DEFAULT)
                .getServiceLevelObjectiveBoundaries()).containsExactly(millis(5, 50, 500, 5_000));
        assertThat(filter.configure(HTTP, DistributionStatisticConfig.DEFAULT).getServiceLevelObjectiveBoundaries())
                .containsExactly(millis(5, 50, 500, 5_000));
    }

    @Test
    void shouldLeaveHttpTimersAloneWhenTurnedOff() {
        MeterFilter filter = HttpLatencyMetrics
                .filterFor(config(Map.of("perfsuite.metrics.http-latency-enabled", "false")));

        assertThat(filter.configure(HTTP, DistributionStatisticConfig.DEFAULT))
                .isSameAs(DistributionStatisticConfig.DEFAULT);
    }

    @Test
    void shouldRejectBucketsThatDoNotIncreaseNamingThePropertyAndTheValues() {
        HttpLatencyConfig config = config(Map.of("perfsuite.metrics.http-latency-buckets", "10ms,100ms,50ms"));

        assertThatThrownBy(() -> HttpLatencyMetrics.filterFor(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perfsuite.metrics.http-latency-buckets: buckets must be strictly increasing,"
                        + " got PT0.05S after PT0.1S");
    }

    @Test
    void shouldRejectZeroNegativeAndTooManyBuckets() {
        assertThatThrownBy(() -> HttpLatencyMetrics
                .filterFor(config(Map.of("perfsuite.metrics.http-latency-buckets", "0ms,5ms"))))
                .hasMessageContaining("perfsuite.metrics.http-latency-buckets: every bucket must be positive, got PT0S");
        assertThatThrownBy(() -> LatencyBuckets.of("p", List.of(Duration.ofMillis(-1))))
                .hasMessage("p: every bucket must be positive, got PT-0.001S");
        List<Duration> many = java.util.stream.IntStream.rangeClosed(1, LatencyBuckets.MAX_BUCKETS + 1)
                .mapToObj(Duration::ofMillis).toList();
        assertThatThrownBy(() -> LatencyBuckets.of("p", many)).hasMessage("p: at most 30 buckets, got 31");
        assertThatThrownBy(() -> LatencyBuckets.of("p", Collections.emptyList()))
                .hasMessage("p: must list at least one bucket");
    }

    private static HttpLatencyConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(HttpLatencyConfig.class)
                // Quarkus' own converter, so "1ms" and "2s" read as they do in a service
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(HttpLatencyConfig.class);
    }

    private static Meter.Id id(String name, Meter.Type type) {
        return new Meter.Id(name, Tags.empty(), null, null, type);
    }

    private static double[] millis(long... values) {
        return Arrays.stream(values).mapToDouble(v -> TimeUnit.MILLISECONDS.toNanos(v)).toArray();
    }
}
