package io.perfsuite.autoscaler.controller;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the operator only when a Kubernetes API answers (quarkus.operator-sdk.start-operator=false): a laptop or CI
 * run without a cluster still gets a service that evaluates local policies in Recommend mode and runs backtests.
 * The probe lists ScalingPolicies, something the controller's RBAC allows anyway.
 */
@ApplicationScoped
public class KubernetesConnection {

    public enum State {
        PROBING, CLUSTER, LOCAL
    }

    private static final Logger LOG = Logger.getLogger(KubernetesConnection.class);

    private final KubernetesClient client;
    private final Operator operator;
    private final LocalPolicies localPolicies;
    private final LeaderElection leaderElection;
    private final Duration timeout;
    private volatile State state = State.PROBING;
    private volatile String detail = "probing the Kubernetes API";
    private volatile boolean stopping;
    private Thread probe;

    KubernetesConnection(KubernetesClient client, Operator operator, LocalPolicies localPolicies,
            LeaderElection leaderElection, AutoscalerConfig config) {
        this.client = client;
        this.operator = operator;
        this.localPolicies = localPolicies;
        this.leaderElection = leaderElection;
        this.timeout = config.kubernetes().connectTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        // probing off the start-up thread: an unreachable API must not delay the HTTP endpoints
        probe = new Thread(this::probeAndStart, "kubernetes-probe");
        probe.setDaemon(true);
        probe.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        // a probe still waiting must not start anything in an application that is going away
        stopping = true;
        if (probe != null) {
            probe.interrupt();
        }
        localPolicies.stop();
        leaderElection.stopping();
        if (state == State.CLUSTER) {
            // started by hand (start-operator=false), so the SDK does not stop it: let running reconciliations
            // finish and the informers and the lease elector go before the client closes
            try {
                operator.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping the operator failed", e);
            }
        }
    }

    private void probeAndStart() {
        try {
            connectOrGoLocal();
        } catch (RuntimeException e) {
            if (!stopping) {
                state = State.LOCAL;
                detail = "start-up failed (" + e.getMessage() + ")";
                LOG.error(detail, e);
            }
        }
    }

    private void connectOrGoLocal() {
        try {
            CompletableFuture.supplyAsync(() -> client.resources(ScalingPolicy.class).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(1L).build()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (stopping) {
                return;
            }
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.toString();
            detail = "Kubernetes API at " + client.getMasterUrl() + " unreachable (" + cause
                    + "): local mode, policies from files evaluated in Recommend mode";
            state = State.LOCAL;
            LOG.warn(detail);
            localPolicies.start();
            return;
        }
        if (stopping) {
            return;
        }
        try {
            operator.start();
            state = State.CLUSTER;
            detail = "reconciling ScalingPolicies via " + client.getMasterUrl();
            LOG.info(detail);
        } catch (RuntimeException e) {
            state = State.LOCAL;
            detail = "operator failed to start (" + e.getMessage() + "): local mode";
            LOG.error(detail, e);
            localPolicies.start();
        }
    }

    public State state() {
        return state;
    }

    /** In cluster mode, whether every informer of the operator is healthy. */
    public boolean healthy() {
        return state != State.CLUSTER || operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    public String detail() {
        return detail;
    }
}
