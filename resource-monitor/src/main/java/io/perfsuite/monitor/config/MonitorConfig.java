package io.perfsuite.monitor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "monitor")
public interface MonitorConfig {

    Prometheus prometheus();

    Host host();

    Rules rules();

    Notifications notifications();

    interface Prometheus {
        /** Base URL of the Prometheus HTTP API, e.g. {@code http://prometheus:9090}. */
        URI url();

        /** Connect and read timeout of each call; a slow Prometheus must not hold request threads. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Host {
        /** Whether the host collector (OSHI) runs and exports {@code host_*} metrics. */
        @WithDefault("true")
        boolean enabled();

        /** How often the host is sampled; the gauges show the last sample. */
        @WithDefault("1s")
        Duration interval();
    }

    interface Rules {
        /** Rule files, or directories whose {@code *.yml}/{@code *.yaml} files are read (a mounted ConfigMap). */
        Optional<List<Path>> paths();

        /** Whether the suite's default rules ({@code rules/perfsuite-default-rules.yml}) are loaded too. */
        @WithDefault("true")
        boolean defaultsEnabled();

        /** A group's interval when it names none (Prometheus's global {@code evaluation_interval}). */
        @WithDefault("1m")
        Duration defaultInterval();

        /** How often the files are checked for changes. */
        @WithDefault("5s")
        Duration reloadInterval();

        /** Whether rules are evaluated; off leaves loading and the API working (tests drive evaluation by hand). */
        @WithDefault("true")
        boolean evaluationEnabled();
    }

    interface Notifications {
        /** Alertmanager's {@code group_by}; {@code ...} groups by every label. */
        @WithDefault("alertname")
        List<String> groupBy();

        @WithDefault("30s")
        Duration groupWait();

        @WithDefault("5m")
        Duration groupInterval();

        @WithDefault("4h")
        Duration repeatInterval();

        /** Mute {@code severity=warning} alerts while a {@code severity=critical} one fires with the same labels. */
        @WithDefault("true")
        boolean inhibitWarningsByCritical();

        /** The labels a critical and a warning must share for the critical to mute the warning. */
        @WithDefault("job,instance")
        List<String> inhibitEqual();

        /** This monitor's URL, sent as {@code externalURL} and in {@code generatorURL}. */
        @WithDefault("http://localhost:8084")
        String externalUrl();

        /** Where notices go, by name. None configured: alerts are evaluated and shown, nobody is told. */
        Map<String, Receiver> receivers();

        /**
         * Alertmanager's child routes, tried in order: the first whose matchers all hold takes the alert (later ones
         * too while {@code continue} is set). None: every receiver is told of every group.
         */
        Optional<List<Route>> routes();

        /** The root route's receiver: alerts no route takes. Required once routes are configured. */
        Optional<String> defaultReceiver();

        interface Route {
            /** Alertmanager matchers, {@code severity="critical"}, {@code job=~"api|web"} (anchored), {@code !=}, {@code !~}. */
            Optional<List<String>> matchers();

            /** A name under {@code monitor.notifications.receivers}. */
            String receiver();

            /** Overrides of the notification defaults for this route's groups. */
            Optional<List<String>> groupBy();

            Optional<Duration> groupWait();

            Optional<Duration> groupInterval();

            Optional<Duration> repeatInterval();

            /** Alertmanager's {@code continue}: after this route matched, later routes are tried too. */
            @WithName("continue")
            @WithDefault("false")
            boolean continueMatching();
        }

        Delivery delivery();

        interface Receiver {
            /** {@code webhook} (Alertmanager payload, version 4), {@code slack} or {@code pagerduty}. */
            ReceiverType type();

            /** The receiver's URL; for PagerDuty {@code https://events.pagerduty.com/v2/enqueue}. */
            URI url();

            /** Whether it is told when alerts resolve. */
            @WithDefault("true")
            boolean sendResolved();

            /** PagerDuty's integration key (required for {@code pagerduty}); from a secret. */
            Optional<String> routingKey();
        }

        interface Delivery {
            /** Timeout of one POST to a receiver. */
            @WithDefault("5s")
            Duration timeout();

            /** First retry delay; doubled per attempt (with jitter) up to {@code max-backoff}. */
            @WithDefault("1s")
            Duration initialBackoff();

            @WithDefault("5m")
            Duration maxBackoff();

            /** A delivery still failing after this long is given up (logged, counted, kept in the dead list). */
            @WithDefault("24h")
            Duration giveUpAfter();

            /** How long one instance holds a claimed delivery before another may take it over. */
            @WithDefault("30s")
            Duration lease();

            /** How often the outbox is checked for due deliveries. */
            @WithDefault("500ms")
            Duration pollInterval();

            /** Prefix of the outbox's Redis keys. */
            @WithDefault("perfsuite:monitor:")
            String keyPrefix();
        }
    }

    enum ReceiverType {
        WEBHOOK, SLACK, PAGERDUTY
    }
}
