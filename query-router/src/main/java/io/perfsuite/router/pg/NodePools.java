package io.perfsuite.router.pg;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.router.config.RouterConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** Owns one reactive pool per configured node: the primary first, then the replicas in configuration order. */
@ApplicationScoped
public class NodePools {

    private final List<PgNode> nodes;

    NodePools(RouterConfig config, Vertx vertx) {
        List<PgNode> all = new ArrayList<>();
        all.add(node("primary", NodeRole.PRIMARY, config.primary().uri(), config, vertx));
        List<URI> replicas = config.replicas();
        for (int i = 0; i < replicas.size(); i++) {
            all.add(node("replica-" + (i + 1), NodeRole.REPLICA, replicas.get(i), config, vertx));
        }
        this.nodes = List.copyOf(all);
    }

    public List<PgNode> all() {
        return nodes;
    }

    public PgNode primary() {
        return nodes.get(0);
    }

    public List<PgNode> replicas() {
        return nodes.subList(1, nodes.size());
    }

    public PgNode byName(String name) {
        for (PgNode node : nodes) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node named " + name);
    }

    @PreDestroy
    void close() {
        nodes.forEach(node -> {
            node.reads().close();
            node.pool().closeAndAwait();
            node.probe().closeAndAwait();
        });
    }

    private static PgNode node(String name, NodeRole role, URI uri, RouterConfig config, Vertx vertx) {
        PgConnectOptions connect = PgConnectOptions.fromUri(uri.toString())
                .setConnectTimeout((int) config.health().timeout().toMillis())
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(1024)
                .addProperty("application_name", "perfsuite-query-router")
                // backstop for a client-side timeout whose cancel request got lost
                .addProperty("statement_timeout", Long.toString(config.query().maxTimeout().toMillis() + 1000));
        PoolOptions pool = new PoolOptions()
                .setMaxSize(config.pool().maxSize())
                .setMaxWaitQueueSize(config.pool().maxSize() * 64)
                .setConnectionTimeout((int) Math.max(1, config.pool().acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setName("perfsuite-" + name);
        Pool built = PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
        // probes get their own connection so a saturated pool never delays lag samples
        PgConnectOptions probeConnect = PgConnectOptions.fromUri(uri.toString())
                .setConnectTimeout((int) config.health().timeout().toMillis())
                .addProperty("application_name", "perfsuite-query-router-probe");
        Pool probe = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("perfsuite-probe-" + name))
                .connectingTo(probeConnect).using(vertx).build();
        RouterConfig.Pipelining pipelining = config.pool().pipelining();
        PipelinedReads reads = new PipelinedReads(vertx.getDelegate(), connect, pipelining.connectionsPerEventLoop(),
                pipelining.depth(), pipelining.stallAfter());
        return new PgNode(name, role, PgNode.addressOf(uri), built, probe, reads);
    }
}
