package io.perfsuite.autoscaler.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "autoscaler")
public interface AutoscalerConfig {

    Prometheus prometheus();

    Evaluation evaluation();

    Kubernetes kubernetes();

    Local local();

    interface Prometheus {
        /** Base URL of the Prometheus HTTP API the policies' PromQL runs against. */
        URI url();

        /** Connect and read timeout of each query attempt; a failed query feeds the policy's fallback. */
        @WithDefault("2s")
        Duration timeout();

        /** Retries after a network error, timeout or 5xx (never after a 4xx: bad PromQL). */
        @WithDefault("2")
        @Min(0)
        @Max(10)
        int retries();

        /** First back-off between retries; doubles each time. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    interface Evaluation {
        /** Default time between evaluations of a policy (spec.evaluationIntervalSeconds overrides it). */
        @WithDefault("15s")
        Duration interval();

        /** Decisions kept per policy for GET /v1/policies/{namespace}/{name}/decisions. */
        @WithDefault("100")
        @Min(1)
        @Max(10000)
        int history();
    }

    interface Kubernetes {
        /** How long start-up waits for the API server before running in local mode. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Lease used for leader election when several replicas run (prod profile). */
        @WithDefault("autoscaler-leader")
        String leaseName();

        /** Namespace of the lease; empty takes the pod's namespace. */
        Optional<String> leaseNamespace();

        /** This replica's name in the lease; empty takes HOSTNAME (the pod's name), else a random id. */
        Optional<String> leaseIdentity();

        /** How long a lease not renewed stays held: how long a standby waits after the leader died. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before it gives up the lease (and exits); below lease-duration. */
        @WithDefault("10s")
        Duration leaseRenewDeadline();

        /** Time between attempts to acquire or renew the lease; below lease-renew-deadline. */
        @WithDefault("2s")
        Duration leaseRetryPeriod();

        /** Retries of a scale or HPA read or write after a conflict (409) or throttling (429). */
        @WithDefault("3")
        @Min(0)
        @Max(10)
        int writeRetries();

        /** First back-off between those retries; doubles each time. */
        @WithDefault("100ms")
        Duration writeRetryBackoff();
    }

    interface Local {
        /** Directory of ScalingPolicy YAML files evaluated in Recommend mode when no Kubernetes API is reachable. */
        Optional<Path> policiesDir();

        /** How often the directory is re-read: changed files are reloaded, new ones added, removed ones dropped. */
        @WithDefault("5s")
        Duration rescanInterval();

        /** Replica count assumed for local policies (there is no workload to read it from). */
        @WithDefault("1")
        @Min(0)
        int assumedReplicas();
    }
}
