package io.perfsuite.loadbalancer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.config.ProxySettings.PoolSettings;
import io.perfsuite.loadbalancer.route.StrategyCatalog;
import io.perfsuite.loadbalancer.route.TopologyStore;
import io.perfsuite.loadbalancer.strategy.PeakEwmaStrategy;
import io.perfsuite.loadbalancer.strategy.RoundRobinStrategy;
import io.perfsuite.loadbalancer.strategy.StickyCookieStrategy;

class ProxyConfigFileTest {

    private static final List<URI> DEFAULTS = List.of(URI.create("http://127.0.0.1:9001"));

    @Test
    void shouldReadPoolsRoutesAndPolicies() throws Exception {
        ProxySettings settings = ProxyConfigFile.parse("lb.yaml", """
                pools:
                  - name: blue
                    strategy: round-robin
                    backends:
                      - http://10.0.0.1:8080
                      - url: http://10.0.0.2:8080
                        weight: 3
                    health-check: {path: /ready, interval: 500ms, fall: 2, rise: 1, expected-status: 204}
                    limits: {max-concurrent: 10, queue-size: 5, queue-timeout: 250ms}
                    timeouts: {connect: 1s, request: 5s}
                    slow-start: {window: 30s, aggression: 2}
                  - name: green
                    backends: [http://10.0.0.3:8080]
                routes:
                  - name: api
                    match: {host: "*.example.com", path-prefix: /api, headers: {X-Canary: "1"}}
                    pools: [{pool: blue, weight: 90}, {pool: green, weight: 10}]
                  - name: rest
                    pool: blue
                """, DEFAULTS);

        PoolSettings blue = settings.pools().get(0);
        assertThat(blue.backends()).extracting(b -> b.id() + "=" + b.weight())
                .containsExactly("10.0.0.1:8080=1", "10.0.0.2:8080=3");
        assertThat(blue.healthCheck().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(blue.healthCheck().expectedStatus()).isEqualTo(204);
        assertThat(blue.policy().health().fall()).isEqualTo(2);
        assertThat(blue.policy().admission().maxQueued()).isEqualTo(5);
        assertThat(blue.policy().slowStart().window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(blue.timeouts().request()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.pools().get(1).strategy()).isEqualTo("peak-ewma");
        assertThat(settings.routes().get(0).pools()).extracting(p -> p.pool() + "=" + p.weight())
                .containsExactly("blue=90", "green=10");
        assertThat(settings.routes().get(1).pathPrefix()).isEqualTo("/");
    }

    @Test
    void shouldTakeLbBackendsForAPoolThatListsNone() throws Exception {
        ProxySettings settings = ProxyConfigFile.parse("lb.yaml", "pools: [{name: web}]", DEFAULTS);

        assertThat(settings.pools().get(0).backends()).extracting(b -> b.uri()).containsExactlyElementsOf(DEFAULTS);
        assertThat(settings.routes()).singleElement().satisfies(r -> assertThat(r.pools().get(0).pool()).isEqualTo("web"));
    }

    @Test
    void shouldNameTheFileTheFieldAndTheRuleOfEveryMistake() {
        InvalidConfigException e = rejected("""
                pools:
                  - name: web
                    strategy: fastest
                    backends: [ftp://x, {url: "http://10.0.0.1:80", weight: -1}]
                    health-check: {interval: soon}
                routes:
                  - name: r
                    pool: nowhere
                    colour: red
                """);

        assertThat(e.file()).isEqualTo("/etc/lb.yaml");
        assertThat(e.errors()).extracting(ConfigError::field, ConfigError::rule).contains(
                org.assertj.core.groups.Tuple.tuple("pools[0].strategy", "one-of"),
                org.assertj.core.groups.Tuple.tuple("pools[0].backends[0]", "http-url"),
                org.assertj.core.groups.Tuple.tuple("pools[0].backends[1].weight", "range"),
                org.assertj.core.groups.Tuple.tuple("pools[0].health-check.interval", "duration"),
                org.assertj.core.groups.Tuple.tuple("routes[0].pool", "unknown-pool"),
                org.assertj.core.groups.Tuple.tuple("routes[0].colour", "unknown-field"));
        assertThat(e.getMessage()).startsWith("/etc/lb.yaml was rejected");
    }

    @Test
    void shouldBuildAStickyCookiePoolWithTheFilesCookieAndFallback() throws Exception {
        ProxySettings settings = ProxyConfigFile.parse("lb.yaml", """
                pools:
                  - name: shop
                    strategy: sticky-cookie
                    sticky: {cookie: shop-session, fallback: round-robin}
                  - name: api
                    strategy: sticky-cookie
                routes: [{name: all, pool: shop}]
                """, DEFAULTS);

        PoolSettings shop = settings.pools().get(0);
        assertThat(shop.sticky()).isEqualTo(new ProxySettings.StickySettings("shop-session", "round-robin"));
        StickyCookieStrategy strategy = (StickyCookieStrategy) StrategyCatalog.create(shop, new Random(1));
        assertThat(strategy.cookieName()).isEqualTo("shop-session");
        assertThat(strategy.fallback()).isInstanceOf(RoundRobinStrategy.class);
        // no sticky block: CORE's defaults
        StickyCookieStrategy defaults = (StickyCookieStrategy) StrategyCatalog.create(settings.pools().get(1),
                new Random(1));
        assertThat(defaults.cookieName()).isEqualTo("lb-sticky");
        assertThat(defaults.fallback()).isInstanceOf(PeakEwmaStrategy.class);
    }

    @Test
    void shouldRebuildAStickyPoolWhenAReloadChangesOnlyItsCookie() throws Exception {
        String file = """
                pools:
                  - name: shop
                    strategy: sticky-cookie
                    sticky: {cookie: %s}
                    backends: [http://10.0.0.1:8080]
                """;
        TopologyStore store = new TopologyStore(ProxyConfigFile.parse("lb.yaml", file.formatted("first"), DEFAULTS),
                Clock.systemUTC(), new Random(1));

        store.apply(ProxyConfigFile.parse("lb.yaml", file.formatted("second"), DEFAULTS));

        // a pool kept for an unchanged strategy name would still pin clients by the old cookie
        assertThat(((StickyCookieStrategy) store.current().pool("shop").pool().strategy()).cookieName())
                .isEqualTo("second");
    }

    @Test
    void shouldRefuseABadStickyCookieNameFallbackOrStrategyWithFieldAndRule() {
        InvalidConfigException e = rejected("""
                pools:
                  - name: shop
                    strategy: sticky-cookie
                    sticky: {cookie: "shop session", fallback: sticky-cookie, path: /}
                  - name: api
                    strategy: round-robin
                    sticky: {cookie: api}
                  - name: web
                    strategy: sticky-cookie
                    sticky: lb-sticky
                  - name: fine
                    strategy: sticky-cookie
                    sticky: {cookie: "__Host-id"}
                routes: [{name: all, pool: fine}]
                """);

        assertThat(e.file()).isEqualTo("/etc/lb.yaml");
        assertThat(e.errors()).extracting(err -> err.field() + " (" + err.rule() + ")").containsExactlyInAnyOrder(
                "pools[0].sticky.cookie (cookie-name)", "pools[0].sticky.fallback (one-of)",
                "pools[0].sticky.path (unknown-field)", "pools[1].sticky (needs-strategy)", "pools[2].sticky (object)");
        assertThat(e.errors()).filteredOn(err -> err.rule().equals("one-of")).singleElement()
                .satisfies(err -> assertThat(err.message()).contains("peak-ewma").doesNotContain("sticky-cookie"));
    }

    @Test
    void shouldRejectTextThatIsNotYaml() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> ProxyConfigFile.parse("lb.yaml", "pools: [ {name: a", DEFAULTS));

        assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.rule()).isEqualTo("yaml"));
    }

    @Test
    void shouldRefuseAKubernetesPoolWhoseNamespaceOrServiceIsNotADnsLabel() {
        InvalidConfigException e = rejected("""
                pools:
                  - name: web
                    kubernetes: {namespace: Shop, service: web_front, port: http}
                """);

        assertThat(e.errors()).extracting(ConfigError::field, ConfigError::rule).contains(
                org.assertj.core.groups.Tuple.tuple("pools[0].kubernetes.namespace", "dns-label"),
                org.assertj.core.groups.Tuple.tuple("pools[0].kubernetes.service", "dns-label"));
    }

    @Test
    void shouldGiveAKubernetesPoolNoFileBackends() throws Exception {
        ProxySettings settings = ProxyConfigFile.parse("lb.yaml",
                "pools: [{name: web, kubernetes: {namespace: shop, service: web, port: \"8080\"}}]", DEFAULTS);

        assertThat(settings.pools().get(0).backends()).isEmpty();
        assertThat(settings.pools().get(0).kubernetes())
                .isEqualTo(new ProxySettings.KubernetesService("shop", "web", "8080"));
    }

    @Test
    void shouldReadAKubernetesPoolsSchemeAndDefaultItToAuto() throws Exception {
        ProxySettings settings = ProxyConfigFile.parse("lb.yaml", """
                pools:
                  - {name: tls, kubernetes: {service: web, port: https, scheme: https}}
                  - {name: plain, kubernetes: {service: web, port: http}}
                routes: [{name: default, pool: tls}]
                """, DEFAULTS);

        assertThat(settings.pools()).extracting(pool -> pool.kubernetes().scheme()).containsExactly("https", "auto");
    }

    @Test
    void shouldRefuseAKubernetesSchemeItCannotDial() {
        InvalidConfigException e = rejected("pools: [{name: web, kubernetes: {service: web, scheme: h2c}}]");

        assertThat(e.file()).isEqualTo("/etc/lb.yaml");
        assertThat(e.errors()).extracting(ConfigError::toString)
                .contains("pools[0].kubernetes.scheme: must be one of [auto, http, https] (one-of)");
    }

    private static InvalidConfigException rejected(String yaml) {
        return catchThrowableOfType(InvalidConfigException.class,
                () -> ProxyConfigFile.parse("/etc/lb.yaml", yaml, DEFAULTS));
    }
}
