package io.perfsuite.monitor.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.perfsuite.monitor.anomaly.detection.AnomalyDetector;
import io.perfsuite.monitor.anomaly.detection.DetectorKind;
import io.perfsuite.monitor.anomaly.detection.DetectorSettings;
import io.perfsuite.monitor.anomaly.detection.Sensitivity;

/**
 * One streaming detector per watched series, each published as the gauge {@code perfsuite_anomaly_score} with the
 * series' labels. Anomaly rules call {@link #observe} with each new sample of their query and compare the answer with
 * {@link #isAnomalous}.
 */
@ApplicationScoped
public class AnomalyScores {

    public static final String METRIC = "perfsuite.anomaly.score";
    private static final Logger LOG = Logger.getLogger(AnomalyScores.class);

    private final MeterRegistry registry;
    private final int maxSeries;
    private final DetectorSettings settings;
    private final Map<String, Watched> series = new ConcurrentHashMap<>();

    @Inject
    AnomalyScores(MeterRegistry registry, AnomalyConfig config) {
        this(registry, config.maxSeries(), config.settings());
    }

    AnomalyScores(MeterRegistry registry, int maxSeries, DetectorSettings settings) {
        this.registry = registry;
        this.maxSeries = maxSeries;
        this.settings = settings;
    }

    /**
     * Feeds one sample of a series and answers its score in [0, 1]. Samples at or before the series' last timestamp
     * (a re-evaluation of the same instant) do not move the detector and answer the last score; a non-finite value
     * answers the last score too.
     *
     * @param seriesKey identifies the series (e.g. rule name + label fingerprint); one detector per key
     * @param labels the gauge's labels, plus {@code series=<seriesKey>} unless given; keep the same label names for
     *        every series, as Prometheus wants for one metric
     *        <p>
     *        With {@code monitor.anomaly.max-series} series watched already, the series whose last sample is the
     *        oldest is forgotten first: label sets come and go (pods are replaced), and a series that stopped
     *        reporting must not keep a new one from being watched.
     */
    public double observe(String seriesKey, Map<String, String> labels, Instant timestamp, double value) {
        Watched w = series.get(seriesKey);
        if (w == null) {
            synchronized (this) {
                w = series.get(seriesKey);
                if (w == null) {
                    if (series.size() >= maxSeries) {
                        evictStalest();
                    }
                    w = register(seriesKey, labels);
                    series.put(seriesKey, w);
                }
            }
        }
        return w.observe(timestamp, value);
    }

    /** Whether a score counts as an anomaly at a rule's sensitivity in [0, 1]. */
    public static boolean isAnomalous(double score, double sensitivity) {
        return Sensitivity.isAnomalous(score, sensitivity);
    }

    /** Drops a series' detector and gauge, e.g. when its rule is removed or its label set disappears. */
    public void forget(String seriesKey) {
        Watched w = series.remove(seriesKey);
        if (w != null) {
            registry.remove(w.gauge);
        }
    }

    /** Keys of the series watched now. */
    public List<String> watched() {
        return new ArrayList<>(series.keySet());
    }

    private void evictStalest() {
        String stalest = null;
        Instant oldest = Instant.MAX;
        for (Map.Entry<String, Watched> e : series.entrySet()) {
            Instant last = e.getValue().lastSample();
            if (last.isBefore(oldest)) {
                oldest = last;
                stalest = e.getKey();
            }
        }
        if (stalest != null) {
            LOG.debugf("anomaly scores: %d series watched (monitor.anomaly.max-series); forgetting %s, last seen %s",
                    series.size(), stalest, oldest);
            forget(stalest);
        }
    }

    private Watched register(String key, Map<String, String> labels) {
        Watched w = new Watched(DetectorKind.CONTEXT.create(settings));
        List<Tag> tags = new ArrayList<>();
        labels.forEach((k, v) -> tags.add(Tag.of(k, v)));
        // Two series with the same labels would otherwise share one gauge.
        if (!labels.containsKey("series")) {
            tags.add(Tag.of("series", key));
        }
        w.gauge = Gauge.builder(METRIC, w, Watched::lastScore)
                .description("Anomaly score in [0, 1] of a watched series (streaming detector)")
                .tags(Tags.of(tags))
                .register(registry);
        return w;
    }

    private static final class Watched {
        private final AnomalyDetector detector;
        private Instant last;
        private volatile double lastScore;
        private Gauge gauge;

        Watched(AnomalyDetector detector) {
            this.detector = detector;
        }

        synchronized double observe(Instant timestamp, double value) {
            if ((last != null && !timestamp.isAfter(last)) || !Double.isFinite(value)) {
                return lastScore;
            }
            last = timestamp;
            lastScore = detector.score(timestamp, value);
            return lastScore;
        }

        double lastScore() {
            return lastScore;
        }

        synchronized Instant lastSample() {
            return last == null ? Instant.MIN : last;
        }
    }
}
