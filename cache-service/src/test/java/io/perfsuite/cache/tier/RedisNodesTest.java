package io.perfsuite.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedisNodesTest {

    private static final String NODES = """
            07c3 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460
            67ed 127.0.0.1:30002@40002,redis-b master - 0 1 2 connected 5461-10922
            292f 127.0.0.1:30003@40003 master,fail - 0 1 3 disconnected 10923-16383
            6ec2 127.0.0.1:30004@40004 slave 07c3 0 1 1 connected
            824f 127.0.0.1:30005@40005 master - 0 1 4 connected
            """;

    @Test
    void shouldListOnlyHealthyMastersThatServeSlots() {
        assertThat(RedisNodes.masters(NODES, "redis://127.0.0.1:30001"))
                .containsExactly("redis://127.0.0.1:30001", "redis://127.0.0.1:30002");
    }

    @Test
    void shouldKeepTheSeedsSchemeAndCredentials() {
        assertThat(RedisNodes.masters(NODES, "rediss://:s3cret@10.0.0.1:30001"))
                .startsWith("rediss://:s3cret@127.0.0.1:30001");
    }

    @Test
    void shouldUseTheSeedHostForANodeThatDoesNotKnowItsAddress() {
        assertThat(RedisNodes.masters("aa :30001@40001 myself,master - 0 0 1 connected 0-16383\n", "redis://10.1.2.3:30001"))
                .containsExactly("redis://10.1.2.3:30001");
    }

    @Test
    void shouldGiveOwnConnectionsTheConfiguredPasswordUnlessTheUriHasOne() {
        RedisNodes nodes = new RedisNodes(null, List.of("redis://127.0.0.1:6379"), false, "from-a-secret");

        assertThat(nodes.options("redis://127.0.0.1:6379").getPassword()).isEqualTo("from-a-secret");
        assertThat(new RedisNodes(null, List.of("redis://127.0.0.1:6379"), false).options("redis://127.0.0.1:6379")
                .getPassword()).isNull();
        // the URI's own credentials are what Vert.x sends for that endpoint
        assertThat(nodes.options("redis://:in-uri@127.0.0.1:6379").getEndpoint()).contains(":in-uri@");
    }
}
