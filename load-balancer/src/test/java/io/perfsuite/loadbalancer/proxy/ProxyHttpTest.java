package io.perfsuite.loadbalancer.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.RawHttp;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxyHttpTest {

    @Inject
    ProxyServer proxy;

    @Inject
    io.vertx.core.Vertx vertx;

    @TestServer
    TestBackends backends;

    @BeforeEach
    void aimAtTheProxy() {
        RestAssured.port = proxy.port();
    }

    private JsonPath echo(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.jsonPath();
    }

    @Test
    void shouldRunTheProxyLoopsOnEpoll() {
        // the native transport is an optional jar: losing it would silently put every loop back on NIO
        String arch = System.getProperty("os.arch");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("aarch64")), "epoll ships for Linux x86_64 and aarch64 only");
        assertThat(vertx.isNativeTransportEnabled()).as("%s", vertx.unavailableNativeTransportCause()).isTrue();
    }

    @Test
    void shouldKeepTheClientHostAndAppendToForwardedFor() {
        JsonPath echo = echo(given().port(proxy.port()).header("Host", "shop.example:8443")
                .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.9")
                .get("/items/42?colour=red"));

        assertThat(echo.getString("uri")).isEqualTo("/items/42?colour=red");
        assertThat(echo.getList("headers.host")).containsExactly("shop.example:8443");
        assertThat(echo.getList("headers.x-forwarded-for")).containsExactly("203.0.113.9, 127.0.0.1");
        assertThat(echo.getList("headers.x-forwarded-proto")).containsExactly("http");
        assertThat(echo.getList("headers.x-forwarded-host")).containsExactly("shop.example:8443");
        assertThat(echo.getList("headers.forwarded"))
                .containsExactly("for=203.0.113.9, for=127.0.0.1;proto=http;host=\"shop.example:8443\"");
    }

    @Test
    void shouldRemoveHopByHopFieldsOnTheWayToTheBackend() {
        String answer = RawHttp.exchange(proxy.port(), """
                GET /echo HTTP/1.1\r
                Host: shop.example\r
                Connection: keep-alive, X-Client-Hop\r
                X-Client-Hop: secret\r
                Keep-Alive: timeout=5\r
                Proxy-Authorization: Basic eDp5\r
                Proxy-Connection: keep-alive\r
                TE: trailers\r
                Trailer: X-Checksum\r
                Upgrade: h2c\r
                X-End-To-End: kept\r
                \r
                """);

        assertThat(answer).startsWith("HTTP/1.1 200");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        JsonPath echo = JsonPath.from(body);
        assertThat(echo.getMap("headers")).doesNotContainKeys("x-client-hop", "keep-alive", "proxy-authorization",
                "proxy-connection", "te", "trailer", "upgrade");
        assertThat(echo.getList("headers.x-end-to-end")).containsExactly("kept");
    }

    @Test
    void shouldRemoveHopByHopFieldsOnTheWayBackToTheClient() {
        Response response = given().port(proxy.port()).get("/hop");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().hasHeaderWithName("X-Backend-Hop")).isFalse();
        assertThat(response.headers().hasHeaderWithName("Keep-Alive")).isFalse();
        assertThat(response.headers().hasHeaderWithName("Proxy-Authenticate")).isFalse();
        assertThat(response.headers().hasHeaderWithName("Trailer")).isFalse();
        assertThat(response.headers().hasHeaderWithName("Upgrade")).isFalse();
        assertThat(response.header("X-End-To-End")).isEqualTo("kept");
        assertThat(response.body().asString()).isEqualTo("hop");
    }

    @Test
    void shouldWriteASmallFixedLengthBodyWithItsHeadAndKeepTheConnection() {
        try (RawHttp http = new RawHttp(proxy.port())) {
            String first = http.send("GET /hop HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("\r\n\r\nhop");
            assertThat(first).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 3\r\n")
                    .doesNotContainIgnoringCase("transfer-encoding").endsWith("\r\n\r\nhop");

            // the one-write path ends the response properly: the same connection answers the next request
            String both = http.send("GET /hop HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("hopHTTP/1.1 200");
            assertThat(both).endsWith("\r\n\r\nhop");
        }
    }

    @Test
    void shouldRelayAFixedLengthBodyThatArrivesInParts() {
        String answer = RawHttp.exchange(proxy.port(), "GET /fixed?gap=100 HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 10\r\n")
                .endsWith("\r\n\r\nhelloworld");
    }

    @Test
    void shouldAnswerHeadWithTheBackendsHeadersAndNoBody() {
        String answer = RawHttp.exchange(proxy.port(), "HEAD /echo HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("X-Server: echo-");
        assertThat(answer).endsWith("\r\n\r\n");
    }

    @Test
    void shouldRefuseContentLengthWithTransferEncodingWithoutForwardingIt() {
        int before = backends.get("echo-1").requests.get() + backends.get("echo-2").requests.get();
        String answer = RawHttp.exchange(proxy.port(), RawHttp.CL_TE_SMUGGLING);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("content-length-with-transfer-encoding").doesNotContain("smuggled");
        assertThat(backends.get("echo-1").requests.get() + backends.get("echo-2").requests.get()).isEqualTo(before);
    }

    @Test
    void shouldRefuseObfuscatedTransferEncoding() {
        String answer = RawHttp.exchange(proxy.port(), """
                POST /echo HTTP/1.1\r
                Host: a\r
                Transfer-Encoding: chunked, identity\r
                \r
                0\r
                \r
                """);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("chunked-last");
    }

    @Test
    void shouldRefuseARequestWithoutHost() {
        assertThat(RawHttp.exchange(proxy.port(), "GET /echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("\"field\":\"Host\"");
    }

    @Test
    void shouldAnswer400ToAMalformedRequestLine() {
        assertThat(RawHttp.exchange(proxy.port(), "GET /a b c d\r\nHost: a\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 400 .*");
    }

    @Test
    void shouldAnswer431ToOversizedHeaders() {
        String big = "x".repeat(20_000);
        assertThat(RawHttp.exchange(proxy.port(), "GET /echo HTTP/1.1\r\nHost: a\r\nX-Big: " + big + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
    }

    @Test
    void shouldSendContinueOnceABackendIsReadyThenForwardTheBody() {
        try (RawHttp http = new RawHttp(proxy.port())) {
            String head = http.send("""
                    POST /echo HTTP/1.1\r
                    Host: a\r
                    Content-Length: 5\r
                    Expect: 100-continue\r
                    \r
                    """).readUntil("\r\n\r\n");
            // the body is held back until the interim answer: a proxy that never sends it stalls the client
            assertThat(head).startsWith("HTTP/1.1 100 Continue");

            String answer = http.send("hello").readUntil("\"body\":\"hello\"");
            assertThat(answer).contains("HTTP/1.1 200").contains("\"bodyBytes\":5");
            assertThat(answer).doesNotContain("\"expect\"");
        }
    }

    @Test
    void shouldPassTheBackendsStatusThrough() {
        given().port(proxy.port()).get("/status/418").then().statusCode(418);
        given().port(proxy.port()).get("/status/204").then().statusCode(204);
    }

    @Test
    void shouldForwardAPostBody() {
        given().port(proxy.port()).body("{\"a\":1}").contentType("application/json").post("/echo").then()
                .statusCode(200).body("method", equalTo("POST")).body("body", equalTo("{\"a\":1}"))
                .body("headers.content-type[0]", containsString("application/json"));
    }

    @Test
    void shouldPublishBackendLatencyInApiSupportsBucketsOnTheManagementPort() {
        given().port(proxy.port()).get("/echo").then().statusCode(200);

        String metrics = given().get(ProxyBackendsResource.managementUrl() + "/q/metrics").asString();
        // pool "echo" serves /echo: the proxy's own histogram, with the suite's 13 bounds instead of Micrometer's 69
        assertThat(metrics.lines().filter(l -> l.startsWith("lb_backend_latency_seconds_bucket{"))
                .filter(l -> l.contains("pool=\"echo\"")).map(l -> l.substring(l.indexOf("le=\"") + 4, l.indexOf("\"}")))
                .distinct()).containsExactly("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5",
                        "1.0", "2.0", "5.0", "10.0", "+Inf");
        assertThat(metrics).as("Quarkus' HTTP binder stays off: it would meter the proxy port per path")
                .doesNotContain("http_server_requests_seconds");
    }
}
