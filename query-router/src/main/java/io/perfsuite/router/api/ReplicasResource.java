package io.perfsuite.router.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.perfsuite.router.config.RouterConfig;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.pg.NodeRole;
import io.perfsuite.router.pg.NodeStatus;
import io.perfsuite.router.pg.ReplicaLagMonitor;

/** Every node's role, health, lag and whether it takes reads now. */
@Path("/v1/replicas")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicasResource {

    /**
     * @param breaker "closed" while the node takes traffic, "open" while it is out (down, or a replica over the lag
     *        limit); it closes again at the first good sample
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String name, String role, String address, boolean healthy, boolean inRecovery,
            Long lagBytes, Long lagMs, String breaker, int outstanding, String walPosition, int timeline,
            Instant lastCheck, String error) {
    }

    private final ReplicaLagMonitor monitor;
    private final ApiKeyGuard guard;
    private final long maxLagBytes;
    private final long maxLagMillis;

    ReplicasResource(ReplicaLagMonitor monitor, ApiKeyGuard guard, RouterConfig config) {
        this.monitor = monitor;
        this.guard = guard;
        this.maxLagBytes = config.lag().maxBytes();
        this.maxLagMillis = config.lag().max().toMillis();
    }

    @GET
    public List<NodeView> nodes(@Context HttpHeaders headers) {
        guard.require(headers, Role.READER);
        return monitor.all().stream().map(this::view).toList();
    }

    private NodeView view(NodeStatus status) {
        boolean replica = status.node().role() == NodeRole.REPLICA;
        boolean healthy = status.up() && (replica == status.inRecovery());
        boolean inRotation = healthy && (!replica || (status.lagBytes() <= maxLagBytes
                && status.lagMillis() <= maxLagMillis));
        return new NodeView(status.name(), replica ? "replica" : "primary", status.node().address(), healthy,
                status.inRecovery(), replica ? status.lagBytes() : null, replica ? status.lagMillis() : null,
                inRotation ? "closed" : "open", status.outstanding(), status.lsn().toString(), status.timeline(),
                status.lastCheck(), status.error());
    }
}
