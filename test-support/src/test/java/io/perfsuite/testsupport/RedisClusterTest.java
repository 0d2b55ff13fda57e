package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class RedisClusterTest {

    @Test
    void shouldFormAClusterOfThreeMastersCoveringAllSlots() throws IOException {
        try (RedisCluster cluster = RedisCluster.launch()) {
            assertThat(cluster.nodes()).hasSize(3);
            assertThat(cluster.uris()).allMatch(uri -> uri.startsWith("redis://127.0.0.1:"));

            for (RedisServer node : cluster.nodes()) {
                assertThat(Resp.call(node.port(), "CLUSTER", "INFO"))
                        .contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:3",
                                "cluster_size:3");
            }
            String nodes = Resp.call(cluster.nodes().get(0).port(), "CLUSTER", "NODES");
            assertThat(nodes.lines().filter(line -> line.contains("master"))).hasSize(3);
        }
    }
}
