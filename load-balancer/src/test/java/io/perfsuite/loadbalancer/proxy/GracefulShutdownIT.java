package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PackagedApp;

/**
 * The packaged load-balancer gets a real SIGTERM ({@link PackagedApp#stop()}, {@code Process.destroy()}) while a
 * request is in flight: that request finishes with 200, new connections are refused meanwhile, and the JVM exits by
 * itself within the shutdown deadline (stop() would kill it only after 10 s).
 */
class GracefulShutdownIT {

    private static final long BACKEND_DELAY_MILLIS = 4_000;
    private static final Duration DEADLINE = Duration.ofSeconds(8);

    @Test
    void shouldFinishTheInFlightRequestRefuseNewConnectionsAndExitOnSigterm() throws Exception {
        try (TestBackends backends = new TestBackends()) {
            TestBackends.Backend slow = backends.start("slow", TestBackends.Kind.SLOW);
            slow.delayMillis = BACKEND_DELAY_MILLIS;
            int proxyPort = FreePort.find();
            int management = FreePort.find();
            try (PackagedApp lb = PackagedApp.builder("load-balancer-sigterm", PackagedApp.moduleJar("load-balancer"))
                    .config(Map.of(
                            "lb.backends", slow.url(),
                            "lb.health-check.path", "/health",
                            "lb.proxy.host", FreePort.LOOPBACK_HOST,
                            "lb.proxy.port", String.valueOf(proxyPort),
                            "lb.proxy.event-loops", "1",
                            "lb.proxy.shutdown-deadline", DEADLINE.toSeconds() + "s",
                            "quarkus.management.port", String.valueOf(management),
                            "quarkus.management.host", FreePort.LOOPBACK_HOST,
                            "quarkus.otel.sdk.disabled", "true"))
                    .healthPort(management)
                    .start()) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/in-flight"))
                                .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.requests.get() == 1);

                long sigtermAt = System.nanoTime();
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(lb::stop);
                // probe only once the drain has begun: a probe that lands before the signal is handled is a
                // request like any other, and would reach the backend
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> lb.log().contains("draining: 1 exchange(s) in flight"));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> refused(proxyPort));
                // refused while the first request was still being served, not because the process was gone
                assertThat(inFlight).isNotDone();

                HttpResponse<String> finished = inFlight.get(15, TimeUnit.SECONDS);
                assertThat(finished.statusCode()).isEqualTo(200);
                assertThat(finished.body()).contains("\"server\":\"slow\"");
                stopped.get(20, TimeUnit.SECONDS);
                long exitedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigtermAt);

                assertThat(lb.isRunning()).isFalse();
                assertThat(exitedAfterMillis).as("exited by itself, before the deadline ran out")
                        .isLessThan(DEADLINE.toMillis());
                assertThat(slow.requests.get()).as("the refused connections never reached the backend").isEqualTo(1);
                assertThat(lb.log()).contains("draining: 1 exchange(s) in flight")
                        .doesNotContain("shutdown deadline passed");
            }
        }
    }

    /**
     * A new connection that gets no answer: refused outright, or closed before a byte of response. An accepted one
     * would be forwarded to the slow backend and stay silent for seconds, which the short read timeout tells apart.
     */
    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePort.LOOPBACK_HOST, port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /new HTTP/1.1\r\nHost: lb\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
