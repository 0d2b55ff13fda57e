package io.perfsuite.autoscaler.controller;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP unless the operator runs with unhealthy informers: without a Kubernetes API the service still evaluates local
 * policies and runs backtests. The details say which mode it is in, so an operator sees "local mode" instead of
 * guessing, and with leader election which replica holds the lease.
 */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

    private final KubernetesConnection connection;
    private final LocalPolicies localPolicies;
    private final LeaderElection leaderElection;

    KubernetesReadinessCheck(KubernetesConnection connection, LocalPolicies localPolicies,
            LeaderElection leaderElection) {
        this.connection = connection;
        this.localPolicies = localPolicies;
        this.leaderElection = leaderElection;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kubernetes").status(connection.healthy())
                .withData("mode", connection.state().name().toLowerCase())
                .withData("detail", connection.detail());
        if (connection.state() == KubernetesConnection.State.LOCAL) {
            response.withData("localPolicies", localPolicies.loaded().size());
            // one entry per file not evaluated, with the reason: "invalid broken.yaml": "shop/broken: spec.minReplicas..."
            localPolicies.problems().forEach((file, problem) -> response.withData("invalid " + file, problem));
        } else if (connection.state() == KubernetesConnection.State.CLUSTER && leaderElection.enabled()) {
            // a standby is ready too (it serves backtests and takes over when the lease expires); the details say
            // which replica reconciles
            response.withData("identity", leaderElection.identity())
                    .withData("leading", leaderElection.leading())
                    .withData("leader", leaderElection.leader().orElse("unknown"));
        }
        return response.build();
    }
}
