package io.perfsuite.router.api;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.router.breaker.CircuitBreaker;
import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.consistency.ReplicaSelector;
import io.perfsuite.router.consistency.ReplicaState;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.ReplicaLagMonitor;
import io.perfsuite.router.redaction.Credentials;

/** Every node's role, health, lag and whether it takes reads now. */
@Path("/v1/replicas")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicasResource {

    /**
     * @param role what the node is now: {@code primary} (takes writes), {@code replica} (a standby), {@code fenced}
     *        (answers and accepts writes but is not the elected writer: an old primary left behind by a failover, or
     *        one of two writable nodes) or {@code down}
     * @param configuredRole where the configuration put it
     * @param breaker {@code closed} (takes traffic), {@code open} (out, until {@code breakerOpenUntil}) or
     *        {@code half-open} (out, its probes are the trial)
     * @param inRotation a replica that reads may go to now: healthy, breaker closed, within the lag limits
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String name, String role, String configuredRole, String address, boolean healthy,
            boolean inRecovery, Long lagBytes, Long lagMs, String breaker, int breakerFailures,
            Instant breakerOpenUntil, boolean inRotation, int outstanding, String walPosition, int timeline,
            Instant lastCheck, String error) {
    }

    private final ReplicaLagMonitor monitor;

    // the rotation rule reads are routed by, so what this shows is what the router does
    private final ReplicaSelector rotation;

    ReplicasResource(ReplicaLagMonitor monitor, RouterConfig config) {
        this.monitor = monitor;
        this.rotation = new ReplicaSelector(config.lag().maxBytes(), config.lag().max(), new Random());
    }

    @GET
    @RolesAllowed("reader")
    public List<NodeView> nodes() {
        Set<String> inRotation = new HashSet<>();
        for (ReplicaState replica : monitor.replicaStates()) {
            if (rotation.inRotation(replica)) {
                inRotation.add(replica.name());
            }
        }
        return monitor.all().stream().map(status -> view(status, inRotation.contains(status.name()))).toList();
    }

    private NodeView view(NodeStatus status, boolean inRotation) {
        boolean writer = status.name().equals(monitor.primary().name()) && monitor.noWriter().isEmpty();
        String role;
        if (!status.up()) {
            role = "down";
        } else if (status.inRecovery()) {
            role = "replica";
        } else {
            role = writer ? "primary" : "fenced";
        }
        boolean healthy = status.up() && (writer || status.inRecovery());
        CircuitBreaker.Snapshot breaker = status.breaker().snapshot();
        return new NodeView(status.name(), role, status.node().role().name().toLowerCase(java.util.Locale.ROOT),
                Credentials.redact(status.node().address()), healthy, status.inRecovery(), writer ? null : status.lagBytes(),
                writer ? null : status.lagMillis(), breaker.state().wireName(), breaker.consecutiveFailures(),
                breaker.openUntil(), inRotation, status.outstanding(), status.lsn().toString(), status.timeline(),
                status.lastCheck(), Credentials.redact(status.error()));
    }
}
