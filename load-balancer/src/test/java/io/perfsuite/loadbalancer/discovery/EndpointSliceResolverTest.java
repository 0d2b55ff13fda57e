package io.perfsuite.loadbalancer.discovery;

import static io.perfsuite.loadbalancer.discovery.Slices.endpoint;
import static io.perfsuite.loadbalancer.discovery.Slices.port;
import static io.perfsuite.loadbalancer.discovery.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.perfsuite.loadbalancer.endpoint.EndpointSpec;

class EndpointSliceResolverTest {

    private static final ServiceTarget WEB = new ServiceTarget("shop", "web", "http");

    @Test
    void shouldKeepReadyEndpointsAndThoseWithoutAReadyCondition() {
        List<EndpointSpec> specs = EndpointSliceResolver.resolve(List.of(slice("web-a", "web",
                List.of(endpoint("10.1.0.1", true), endpoint("10.1.0.2", false), endpoint("10.1.0.3", null)))),
                WEB);

        assertThat(specs).extracting(EndpointSpec::id).containsExactly("10.1.0.1:8080", "10.1.0.3:8080");
        assertThat(specs.get(0).uri()).isEqualTo(URI.create("http://10.1.0.1:8080"));
    }

    @Test
    void shouldTakeThePortByNameOrNumber() {
        List<EndpointSpec> byName = EndpointSliceResolver.resolve(
                List.of(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)))),
                new ServiceTarget("shop", "web", "metrics"));
        List<EndpointSpec> byNumber = EndpointSliceResolver.resolve(
                List.of(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)))),
                new ServiceTarget("shop", "web", "9090"));
        List<EndpointSpec> missing = EndpointSliceResolver.resolve(
                List.of(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)))),
                new ServiceTarget("shop", "web", "grpc"));

        assertThat(byName).extracting(EndpointSpec::id).containsExactly("10.1.0.1:9090");
        assertThat(byNumber).extracting(EndpointSpec::id).containsExactly("10.1.0.1:9090");
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldTakeTheOnlyPortWhenNoneIsNamedAndRefuseToGuessAmongSeveral() {
        List<EndpointSpec> single = EndpointSliceResolver.resolve(List.of(
                slice("web-a", "web", "IPv4", List.of(endpoint("10.1.0.1", true)), "", 80)),
                new ServiceTarget("shop", "web", null));
        List<EndpointSpec> several = EndpointSliceResolver.resolve(
                List.of(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)))),
                new ServiceTarget("shop", "web", ""));

        assertThat(single).extracting(EndpointSpec::id).containsExactly("10.1.0.1:80");
        assertThat(several).isEmpty();
    }

    @Test
    void shouldBracketIpv6AddressesAndListAnEndpointInTwoSlicesOnce() {
        List<EndpointSpec> specs = EndpointSliceResolver.resolve(List.of(
                slice("web-a", "web", "IPv6", List.of(endpoint("fd00::1", true)), "http", 8080),
                slice("web-b", "web", "IPv4", List.of(endpoint("10.1.0.1", true)), "http", 8080),
                slice("web-c", "web", "IPv4", List.of(endpoint("10.1.0.1", true)), "http", 8080)), WEB);

        assertThat(specs).extracting(EndpointSpec::uri).containsExactly(URI.create("http://10.1.0.1:8080"),
                URI.create("http://[fd00::1]:8080"));
    }

    @Test
    void shouldRefuseATargetThatCannotNameAService() {
        assertThatThrownBy(() -> new ServiceTarget("Shop", "web", "http"))
                .hasMessageContaining("namespace must be a DNS label");
        assertThatThrownBy(() -> new ServiceTarget("shop", "web", "http", "ftp"))
                .hasMessageContaining("scheme must be one of [auto, http, https]");
    }

    private static URI only(ServiceTarget target, EndpointPort port) {
        List<EndpointSpec> specs = EndpointSliceResolver.resolve(
                List.of(slice("web-a", "web", List.of(endpoint("10.1.0.1", true)), port)), target);
        assertThat(specs).hasSize(1);
        return specs.get(0).uri();
    }

    @Test
    void shouldDialHttpsWhenTheSlicePortsAppProtocolSaysTls() {
        ServiceTarget web = new ServiceTarget("shop", "web", "web");

        assertThat(only(web, port("web", 8443, "https"))).isEqualTo(URI.create("https://10.1.0.1:8443"));
        assertThat(only(web, port("web", 8443, "kubernetes.io/wss"))).isEqualTo(URI.create("https://10.1.0.1:8443"));
        assertThat(only(web, port("web", 8443, "HTTPS"))).as("IANA names compare without case")
                .isEqualTo(URI.create("https://10.1.0.1:8443"));
    }

    @Test
    void shouldDialPlainHttpForHttpH2cAndWebSocketAppProtocolsWhateverThePortIsCalled() {
        ServiceTarget named = new ServiceTarget("shop", "web", "https-api");

        assertThat(only(named, port("https-api", 8080, "http"))).isEqualTo(URI.create("http://10.1.0.1:8080"));
        assertThat(only(named, port("https-api", 8080, "kubernetes.io/h2c")))
                .isEqualTo(URI.create("http://10.1.0.1:8080"));
        assertThat(only(named, port("https-api", 8080, "kubernetes.io/ws")))
                .isEqualTo(URI.create("http://10.1.0.1:8080"));
    }

    @Test
    void shouldFallBackToThePortNameWithoutAnAppProtocolItKnows() {
        assertThat(only(new ServiceTarget("shop", "web", "https"), port("https", 8443, null)))
                .isEqualTo(URI.create("https://10.1.0.1:8443"));
        assertThat(only(new ServiceTarget("shop", "web", "https-admin"), port("https-admin", 8443, "example.com/x")))
                .isEqualTo(URI.create("https://10.1.0.1:8443"));
        assertThat(only(new ServiceTarget("shop", "web", "web"), port("web", 8080, null)))
                .isEqualTo(URI.create("http://10.1.0.1:8080"));
        assertThat(only(new ServiceTarget("shop", "web", "httpsish"), port("httpsish", 8080, null)))
                .isEqualTo(URI.create("http://10.1.0.1:8080"));
    }

    @Test
    void shouldLetThePoolsSchemeOverrideWhatTheSliceSays() {
        assertThat(only(new ServiceTarget("shop", "web", "https", "http"), port("https", 8443, "https")))
                .isEqualTo(URI.create("http://10.1.0.1:8443"));
        assertThat(only(new ServiceTarget("shop", "web", "web", "https"), port("web", 8080, null)))
                .isEqualTo(URI.create("https://10.1.0.1:8080"));
    }
}
