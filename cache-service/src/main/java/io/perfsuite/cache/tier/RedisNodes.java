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
    private final String password;

    public RedisNodes(Vertx vertx, List<String> seeds, boolean cluster) {
        this(vertx, seeds, cluster, null);
    }

    /**
     * @param password {@code quarkus.redis.password}, or null: the password for every URI without one of its own (the
     *        chart passes it this way, from a Secret, so it never sits in {@code quarkus.redis.hosts})
     */
    public RedisNodes(Vertx vertx, List<String> seeds, boolean cluster, String password) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no Redis host configured");
        }
        this.vertx = vertx;
        this.seeds = List.copyOf(seeds);
        this.cluster = cluster;
        this.password = password;
    }

    /**
     * Options for a connection of the service's own (tracking, scans, kept read connections) to {@code uri}, with the
     * credentials Quarkus' client would use: a password in the URI wins, else the configured one.
     */
    public RedisOptions options(String uri) {
        RedisOptions options = new RedisOptions().setConnectionString(uri);
        if (password != null && !password.isEmpty()) {
            options.setPassword(password);
        }
        return options;
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
        Redis client = Redis.createClient(vertx, options(seed));
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
