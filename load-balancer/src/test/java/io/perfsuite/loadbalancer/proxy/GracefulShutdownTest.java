package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Its own application (profile): the test drains the proxy the way SIGTERM does, which ends it for good. */
@QuarkusTest
@TestProfile(GracefulShutdownTest.Draining.class)
@WithTestResource(ProxyBackendsResource.class)
class GracefulShutdownTest {

    public static class Draining implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lb.proxy.shutdown-deadline", "10s");
        }
    }

    @Inject
    ProxyServer proxy;

    @TestServer
    TestBackends backends;

    @Test
    void shouldLetAnInFlightRequestFinishAndRefuseNewConnections() throws Exception {
        backends.get("slow").delayMillis = 1500;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.port() + "/limited/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.inFlight() > 0 || inFlight.isDone());

        CompletableFuture<Void> draining = CompletableFuture.runAsync(() -> proxy.shutdown(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(10)).until(proxy::draining);

        Throwable refused = catchThrowable(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/echo/new"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(refused).isNotNull();

        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        draining.get(15, TimeUnit.SECONDS);
        assertThat(proxy.inFlight()).isZero();
    }
}
