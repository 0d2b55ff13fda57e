package io.perfsuite.autoscaler.controller;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.evaluation.PolicyEvaluations;
import io.perfsuite.autoscaler.evaluation.PolicyKey;
import io.perfsuite.autoscaler.policy.InvalidSpecException;
import io.perfsuite.autoscaler.policy.PolicySpecMapper;

/**
 * Local mode: ScalingPolicy YAML files from a directory, evaluated against Prometheus on their interval, always in
 * Recommend mode (there is no workload to change). Their decisions show at GET /v1/policies/{ns}/{name}/decisions.
 */
@ApplicationScoped
public class LocalPolicies {

    private static final Logger LOG = Logger.getLogger(LocalPolicies.class);

    private final AutoscalerConfig config;
    private final PolicyEvaluations evaluations;
    private final Map<PolicyKey, String> problems = new ConcurrentHashMap<>();
    private final List<PolicyKey> loaded = new ArrayList<>();
    private ScheduledExecutorService executor;

    LocalPolicies(AutoscalerConfig config, PolicyEvaluations evaluations) {
        this.config = config;
        this.evaluations = evaluations;
    }

    synchronized void start() {
        if (executor != null || config.local().policiesDir().isEmpty()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-policies");
            t.setDaemon(true);
            return t;
        });
        for (ScalingPolicy policy : read(config.local().policiesDir().get())) {
            schedule(policy);
        }
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    public synchronized List<PolicyKey> loaded() {
        return List.copyOf(loaded);
    }

    public Map<PolicyKey, String> problems() {
        return Map.copyOf(problems);
    }

    private void schedule(ScalingPolicy policy) {
        String namespace = policy.getMetadata().getNamespace() == null ? "local" : policy.getMetadata().getNamespace();
        PolicyKey key = new PolicyKey(namespace, policy.getMetadata().getName());
        PolicyRules rules;
        try {
            rules = PolicySpecMapper.toRules(policy.getSpec()).withMode(Mode.RECOMMEND, null);
        } catch (InvalidSpecException e) {
            problems.put(key, e.getMessage());
            LOG.warnf("local policy %s is invalid: %s", key, e.getMessage());
            return;
        }
        loaded.add(key);
        int replicas = Math.max(rules.minReplicas(), config.local().assumedReplicas());
        Duration interval = policy.getSpec().evaluationIntervalSeconds == null
                ? config.evaluation().interval()
                : Duration.ofSeconds(policy.getSpec().evaluationIntervalSeconds);
        executor.scheduleWithFixedDelay(() -> {
            try {
                evaluations.evaluate(key, rules, policy.getSpec().metrics, replicas);
            } catch (RuntimeException e) {
                LOG.warnf("local policy %s evaluation failed: %s", key, e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<ScalingPolicy> read(Path dir) {
        List<ScalingPolicy> policies = new ArrayList<>();
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    policies.add(serialization.unmarshal(in, ScalingPolicy.class));
                } catch (IOException | RuntimeException e) {
                    problems.put(new PolicyKey("local", file.getFileName().toString()), e.getMessage());
                    LOG.warnf("cannot read local policy %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list local policies in %s: %s", dir, e.getMessage());
        }
        return policies;
    }
}
