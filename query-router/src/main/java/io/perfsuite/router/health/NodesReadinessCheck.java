package io.perfsuite.router.health;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.pg.NodePools;
import io.perfsuite.router.pg.PgNode;
import io.perfsuite.router.redaction.Credentials;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready while at least one node answers: with the primary down reads still work on the replicas, and with every
 * replica down reads go to the primary. The details name each node's state so an operator sees which one is missing.
 */
@Readiness
@ApplicationScoped
public class NodesReadinessCheck implements AsyncHealthCheck {

    private final NodePools pools;
    private final Duration timeout;

    NodesReadinessCheck(NodePools pools, RouterConfig config) {
        this.pools = pools;
        this.timeout = config.health().timeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<NodeProbe>> probes = pools.all().stream().map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("postgresql-nodes");
            boolean anyUp = false;
            for (NodeProbe result : results) {
                anyUp |= result.up();
                response.withData(result.node().name(), result.describe());
            }
            return response.status(anyUp).build();
        });
    }

    private Uni<NodeProbe> probe(PgNode node) {
        // pg_is_in_recovery() also tells a promoted replica or a demoted primary from its configured role
        return node.probe().query("SELECT pg_is_in_recovery()").execute()
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .map(rows -> NodeProbe.up(node, rows.iterator().next().getBoolean(0)))
                .onFailure().recoverWithItem(failure -> NodeProbe.down(node, failure));
    }

    record NodeProbe(PgNode node, boolean up, boolean inRecovery, String error) {

        static NodeProbe up(PgNode node, boolean inRecovery) {
            return new NodeProbe(node, true, inRecovery, null);
        }

        static NodeProbe down(PgNode node, Throwable failure) {
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new NodeProbe(node, false, false, Credentials.redact(message));
        }

        String describe() {
            if (!up) {
                return "DOWN " + Credentials.redact(node.address()) + ": " + error;
            }
            return "UP " + Credentials.redact(node.address()) + (inRecovery ? " (in recovery)" : " (accepting writes)");
        }
    }
}
