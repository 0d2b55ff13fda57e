package io.perfsuite.loadbalancer.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final Function<String, String> NO_HEADERS = name -> null;

    private final RouteTable table = new RouteTable(List.of(
            new Route("canary", null, "/", Map.of("X-Canary", "1"), List.of("green"), new int[]{1}),
            new Route("api", "*.example.com", "/api", Map.of(), List.of("blue", "green"), new int[]{90, 10}),
            new Route("admin", "admin.example.com", "/", Map.of(), List.of("ops"), new int[]{1}),
            new Route("rest", null, "/", Map.of(), List.of("blue"), new int[]{1})));

    @Test
    void shouldTakeTheFirstRouteThatMatches() {
        assertThat(table.match("shop.example.com:8080", "/api/items", NO_HEADERS).name()).isEqualTo("api");
        assertThat(table.match("shop.example.com", "/api/items", n -> n.equals("X-Canary") ? "1" : null).name())
                .isEqualTo("canary");
        assertThat(table.match("ADMIN.example.com", "/", NO_HEADERS).name()).isEqualTo("admin");
        assertThat(table.match("example.com", "/api", NO_HEADERS).name()).isEqualTo("rest");
        assertThat(table.match(null, "/api", NO_HEADERS).name()).isEqualTo("rest");
    }

    @Test
    void shouldSplitTrafficBetweenPoolsByWeightAndFollowNewWeights() {
        Route api = table.route("api");
        SplittableRandom random = new SplittableRandom(7);
        int green = 0;
        for (int i = 0; i < 10_000; i++) {
            green += api.pickPool(random).equals("green") ? 1 : 0;
        }
        assertThat(green).isBetween(850, 1150);

        api.setWeights(Map.of("blue", 0, "green", 5));
        assertThat(api.pickPool(random)).isEqualTo("green");
        assertThatThrownBy(() -> api.setWeights(Map.of("blue", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.setWeights(Map.of("blue", 0, "green", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
