package io.perfsuite.loadbalancer.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxyFaultsTest {

    @Inject
    ProxyServer proxy;

    @TestServer
    TestBackends backends;

    @BeforeEach
    void aimAtTheProxy() {
        RestAssured.port = proxy.port();
    }

    @AfterEach
    void restartBackends() {
        backends.all().stream().filter(b -> !b.running()).forEach(TestBackends.Backend::start);
        backends.get("slow").delayMillis = 300;
    }

    @Test
    void shouldRetryIdempotentRequestsPastRefusedResetAndUnavailableBackends() {
        // the flaky pool rotates over a closed port, a 503, a connection dropper and one good backend
        for (int i = 0; i < 20; i++) {
            given().get("/flaky/" + i).then().statusCode(200);
        }
    }

    @Test
    void shouldNotRetryAPostWithABody() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(given().body("payload").post("/flaky/" + i).statusCode());
        }
        // without retries every backend but the good one shows through: refused (502), 503, dropped (502)
        assertThat(statuses).contains(200, 502, 503);
    }

    @Test
    void shouldAnswer502WithAProblemWhenTheConnectionDropsAndRetriesAreOff() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(given().get("/no-retries/" + i));
        }
        assertThat(responses).extracting(Response::statusCode).contains(200, 503);
    }

    @Test
    void shouldAnswer504WhenTheBackendSendsNothingWithinTheRequestTimeout() {
        backends.get("slow").delayMillis = 2000;
        Response response = given().get("/slow/x");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).contains("no response within 400 ms");
    }

    @Test
    void shouldRejectWithRetryAfterWhenTheBackendsQueueIsFullOrItsWaitTooLong() throws Exception {
        // one slot and one queue place on the limited pool, the backend takes 300 ms, the queue timeout is 200 ms
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port()
                    + "/limited/" + i)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            responses.add(call.get());
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 503, 503);
        assertThat(responses).filteredOn(r -> r.statusCode() == 503).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("concurrency limit");
        });
        assertThat(responses).filteredOn(r -> r.statusCode() == 503).extracting(HttpResponse::body)
                .anySatisfy(body -> assertThat(body).contains("queue full"))
                .anySatisfy(body -> assertThat(body).contains("queue timeout"));
    }

    @Test
    void shouldCostIdempotentRequestsNothingWhenABackendDiesMidRun() throws Exception {
        TestBackends.Backend victim = backends.get("echo-2");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger done = new AtomicInteger();
        ConcurrentHashMap<Integer, Integer> failures = new ConcurrentHashMap<>();
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 60; i++) {
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + proxy.port() + "/echo/" + i)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                failures.merge(r.statusCode(), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            failures.merge(-1, 1, Integer::sum);
                        }
                        if (done.incrementAndGet() == 150) {
                            victim.stop();
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(victim.running()).isFalse();
        assertThat(done.get()).isEqualTo(480);
        assertThat(failures).isEmpty();
    }
}
