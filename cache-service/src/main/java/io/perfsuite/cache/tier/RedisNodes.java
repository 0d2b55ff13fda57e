package io.perfsuite.cache.tier;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.perfsuite.cache.redaction.Redaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * The Redis nodes that hold data. On a single Redis that is the configured host. On Redis Cluster it is every master,
 * asked from the configured seed nodes each time, because a replica must track invalidations and scan for keys on
 * every master, and masters change with failovers and resharding.
 */
public class RedisNodes {

    private final Vertx vertx;
    private final List<String> seeds;
    private final boolean cluster;

    public RedisNodes(Vertx vertx, List<String> seeds, boolean cluster) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no Redis host configured");
        }
        this.vertx = vertx;
        this.seeds = List.copyOf(seeds);
        this.cluster = cluster;
    }

    public boolean cluster() {
        return cluster;
    }

    /** URIs of the nodes holding data, with the seeds' scheme and credentials. */
    public Future<List<String>> resolve() {
        if (!cluster) {
            return Future.succeededFuture(List.of(seeds.get(0)));
        }
        return askSeed(0, null);
    }

    private Future<List<String>> askSeed(int index, Throwable last) {
        if (index >= seeds.size()) {
            return Future.failedFuture(new IllegalStateException("no Redis Cluster seed answered CLUSTER NODES", last));
        }
        String seed = seeds.get(index);
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(seed));
        return client.send(Request.cmd(Command.CLUSTER).arg("NODES"))
                .map(nodes -> masters(nodes.toString(), seed))
                .compose(masters -> masters.isEmpty()
                        ? Future.failedFuture(new IllegalStateException(Redaction.redact(seed) + " lists no master with slots"))
                        : Future.succeededFuture(masters))
                .eventually(() -> {
                    client.close();
                    return Future.succeededFuture();
                })
                .recover(failure -> askSeed(index + 1, failure));
    }

    /**
     * The masters that serve slots, from {@code CLUSTER NODES} output: one line per node,
     * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>...}.
     */
    static List<String> masters(String clusterNodes, String seedUri) {
        URI seed = URI.create(seedUri);
        List<String> masters = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9) {
                continue; // no slots: an empty master or a replica
            }
            List<String> flags = List.of(fields[2].split(","));
            if (!flags.contains("master") || flags.contains("fail") || flags.contains("noaddr")) {
                continue;
            }
            String address = fields[1].split("[@,]")[0];
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon);
            if (host.isEmpty()) {
                host = seed.getHost(); // a node that does not know its own address yet answers ":port"
            }
            String userInfo = seed.getRawUserInfo() == null ? "" : seed.getRawUserInfo() + "@";
            masters.add(seed.getScheme() + "://" + userInfo + host + ":" + address.substring(colon + 1));
        }
        return masters;
    }
}
