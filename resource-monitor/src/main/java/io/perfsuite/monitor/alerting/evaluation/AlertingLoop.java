package io.perfsuite.monitor.alerting.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.notification.delivery.DeliveryWorker;
import io.perfsuite.monitor.notification.delivery.NotificationPipeline;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Drives alerting on two threads of its own: one reloads changed rule files, evaluates due groups, saves the alert
 * states and runs a dispatch round, every 250 ms; the other posts due deliveries from the outbox. Neither blocks a
 * Vert.x event loop, and a failing step is logged and retried on the next round.
 */
@Singleton
public class AlertingLoop {

    private static final Logger LOG = Logger.getLogger(AlertingLoop.class);

    private final RuleFiles files;
    private final RuleEvaluator evaluator;
    private final AlertStateStore states;
    private final NotificationPipeline pipeline;
    private final DeliveryWorker worker;
    private final MonitorConfig config;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private Instant nextReload = Instant.MIN;
    private volatile String lastRoundError;
    private volatile String lastDeliveryError;

    AlertingLoop(RuleFiles files, RuleEvaluator evaluator, AlertStateStore states, NotificationPipeline pipeline,
            DeliveryWorker worker, MonitorConfig config, Clock clock) {
        this.files = files;
        this.evaluator = evaluator;
        this.states = states;
        this.pipeline = pipeline;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        evaluator.restore(states.load());
        reloadRules();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "monitor-alerting");
            thread.setDaemon(true);
            return thread;
        });
        if (config.rules().evaluationEnabled()) {
            executor.scheduleWithFixedDelay(this::round, 0, 250, TimeUnit.MILLISECONDS);
        }
        long poll = config.notifications().delivery().pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::deliver, poll, poll, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Re-reads the rule files now (also what {@code POST /v1/rules/reload} would do). */
    public synchronized void reloadRules() {
        try {
            if (files.reload()) {
                evaluator.update(files.groups());
            }
        } catch (RuntimeException e) {
            LOG.error("rule reload failed; previous rules stay in force", e);
        }
        nextReload = clock.instant().plus(config.rules().reloadInterval());
    }

    private void round() {
        try {
            if (!clock.instant().isBefore(nextReload)) {
                reloadRules();
            }
            if (evaluator.evaluateDue()) {
                states.save(evaluator.snapshot());
            }
            pipeline.dispatch(evaluator.alerts());
            lastRoundError = null;
        } catch (RuntimeException e) {
            // logged once per distinct failure: a Redis outage must not flood the log four times a second
            if (!e.toString().equals(lastRoundError)) {
                LOG.warnf("alerting round failed, retried every round until it works: %s", e.toString());
            }
            lastRoundError = e.toString();
        }
    }

    private void deliver() {
        try {
            worker.deliverDue();
            lastDeliveryError = null;
        } catch (RuntimeException e) {
            if (!e.toString().equals(lastDeliveryError)) {
                LOG.warnf("delivery round failed, retried every round until it works: %s", e.toString());
            }
            lastDeliveryError = e.toString();
        }
    }
}
