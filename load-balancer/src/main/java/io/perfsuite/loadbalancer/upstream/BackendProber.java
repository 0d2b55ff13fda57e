package io.perfsuite.loadbalancer.upstream;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.loadbalancer.config.LoadBalancerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/** Asks each backend's health path whether it can take traffic. */
@ApplicationScoped
public class BackendProber {

    private final HttpClient client;
    private final List<Backend> backends;
    private final String path;
    private final Duration timeout;

    BackendProber(Vertx vertx, LoadBalancerConfig config) {
        this.timeout = config.healthCheck().timeout();
        this.path = config.healthCheck().path();
        this.backends = config.backends().stream().map(Backend::of).toList();
        // probes get their own small client so they never queue behind proxied traffic
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(false)
                .setMaxPoolSize(backends.size()));
    }

    public List<Backend> backends() {
        return backends;
    }

    public Uni<ProbeResult> probe(Backend backend) {
        // an explicit header map: the OpenTelemetry client instrumentation writes traceparent into it
        RequestOptions request = new RequestOptions()
                .setHeaders(MultiMap.caseInsensitiveMultiMap())
                .setMethod(HttpMethod.GET)
                .setHost(backend.host())
                .setPort(backend.port())
                .setSsl(backend.tls())
                .setURI(path)
                .setIdleTimeout(timeout.toMillis());
        return client.request(request)
                .chain(req -> req.send())
                .call(response -> response.body())
                .map(response -> ProbeResult.answered(backend, response.statusCode()))
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .onFailure().recoverWithItem(failure -> ProbeResult.failed(backend, failure));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    public record ProbeResult(Backend backend, boolean healthy, String detail) {

        static ProbeResult answered(Backend backend, int status) {
            return new ProbeResult(backend, status >= 200 && status < 300, "HTTP " + status);
        }

        static ProbeResult failed(Backend backend, Throwable failure) {
            return new ProbeResult(backend, false, String.valueOf(failure.getMessage()));
        }
    }
}
