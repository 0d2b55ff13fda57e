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

    @PreDestroy
    void close() {
        nodes.forEach(node -> node.pool().closeAndAwait());
    }

    private static PgNode node(String name, NodeRole role, URI uri, RouterConfig config, Vertx vertx) {
        PgConnectOptions connect = PgConnectOptions.fromUri(uri.toString())
                .setConnectTimeout((int) config.health().timeout().toMillis())
                .addProperty("application_name", "perfsuite-query-router");
        PoolOptions pool = new PoolOptions()
                .setMaxSize(config.pool().maxSize())
                .setName("perfsuite-" + name);
        Pool built = PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
        return new PgNode(name, role, PgNode.addressOf(uri), built);
    }
}
