package io.perfsuite.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A Redis Cluster of {@value #MASTERS} masters without replicas, each a {@link RedisServer} on loopback. */
public final class RedisCluster implements AutoCloseable {

    public static final int MASTERS = 3;

    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(30);
    private static final String NODE_TIMEOUT_MILLIS = "2000";

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts the nodes, assigns all hash slots with {@code redis-cli --cluster create}, and waits for cluster_state:ok. */
    public static RedisCluster launch() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(RedisServer.launch(List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        // An explicit bus port: the default (port + 10000) may be taken, or beyond 65535.
                        "--cluster-port", String.valueOf(FreePort.find()),
                        "--cluster-node-timeout", NODE_TIMEOUT_MILLIS)));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            cluster.awaitClusterOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** {@code redis://127.0.0.1:<port>} of every node, in node order. */
    public List<String> uris() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.toList());
    }

    /** Stops every node and deletes their data directories. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    @Override
    public String toString() {
        return "RedisCluster" + uris();
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(Binaries.require("redis-cli").toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        ExternalCommand.run(command, CREATE_TIMEOUT);
    }

    private void awaitClusterOk() {
        for (RedisServer node : nodes) {
            Poll.until("cluster_state:ok on Redis node " + node.port(), CONVERGE_TIMEOUT, () -> {
                String info = Resp.call(node.port(), "CLUSTER", "INFO");
                if (!info.contains("cluster_state:ok")) {
                    // Thrown rather than returning false so a timeout message shows the last state seen.
                    throw new IllegalStateException("CLUSTER INFO: " + info.strip().replace("\r\n", ", "));
                }
                return true;
            });
        }
    }
}
