package io.perfsuite.autoscaler.scaling;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.perfsuite.autoscaler.config.AutoscalerConfig;

/**
 * Retries a call to the Kubernetes API that failed for a reason that passes and that the client does not retry
 * itself: a conflict (409: someone else wrote the object between our read and our write; the call reads again) and
 * throttling (429). A failing API server (5xx) and no answer are the client's own retries
 * ({@code quarkus.kubernetes-client.request-retry-backoff-*}); anything else (403, 404, 422) is final. Back-off
 * doubles from the configured first one; the last failure is rethrown with the number of attempts in its message, so
 * the status condition says what happened.
 */
@ApplicationScoped
public class ApiRetry {

    private static final Logger LOG = Logger.getLogger(ApiRetry.class);

    /** How the back-off waits; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int retries;
    private final Duration backoff;
    private final Sleeper sleeper;

    @Inject
    ApiRetry(AutoscalerConfig config) {
        this(config.kubernetes().writeRetries(), config.kubernetes().writeRetryBackoff(),
                d -> Thread.sleep(d.toMillis()));
    }

    public ApiRetry(int retries, Duration backoff, Sleeper sleeper) {
        this.retries = retries;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    public <T> T call(String what, Supplier<T> operation) {
        for (int attempt = 1;; attempt++) {
            try {
                return operation.get();
            } catch (KubernetesClientException e) {
                if (!retryable(e.getCode()) || attempt > retries) {
                    throw attempt == 1
                            ? e
                            : new KubernetesClientException(what + " failed after " + attempt + " attempts: "
                                    + e.getMessage(), e.getCode(), e.getStatus());
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
                LOG.debugf("%s: %d %s, attempt %d, again in %d ms", what, e.getCode(), e.getMessage(), attempt,
                        wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Conflict or throttling. */
    public static boolean retryable(int code) {
        return code == 409 || code == 429;
    }
}
