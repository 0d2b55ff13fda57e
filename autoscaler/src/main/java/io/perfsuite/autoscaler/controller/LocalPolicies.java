package io.perfsuite.autoscaler.controller;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.evaluation.EvaluationSpans;
import io.perfsuite.autoscaler.evaluation.PolicyEvaluations;
import io.perfsuite.autoscaler.evaluation.PolicyKey;
import io.perfsuite.autoscaler.policy.InvalidSpecException;
import io.perfsuite.autoscaler.policy.PolicySpecMapper;

/**
 * Local mode: ScalingPolicy YAML files from a directory, evaluated against Prometheus on their interval, always in
 * Recommend mode (there is no workload to change). Their decisions show at GET /v1/policies/{ns}/{name}/decisions.
 * <p>
 * The directory is re-read every {@code autoscaler.local.rescan-interval}: a file whose bytes changed is parsed again
 * and its policy re-scheduled (keeping its windows and history, as an edited custom resource does), a new file is
 * added, a removed one forgotten. Comparing contents rather than watching the directory also catches a ConfigMap
 * volume's symlink swap and file systems where watch events do not arrive. A file that cannot be read or holds an
 * invalid policy is reported by name with the reason (readiness details, a warning in the log) and not evaluated.
 */
@ApplicationScoped
public class LocalPolicies {

    private static final Logger LOG = Logger.getLogger(LocalPolicies.class);

    private final AutoscalerConfig config;
    private final PolicyEvaluations evaluations;
    private final EvaluationSpans spans;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    /** file name -> why it is not evaluated */
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** guarded by this */
    private final Map<Path, LoadedFile> files = new HashMap<>();
    private ScheduledExecutorService executor;
    private String directoryProblem;

    LocalPolicies(AutoscalerConfig config, PolicyEvaluations evaluations, EvaluationSpans spans) {
        this.config = config;
        this.evaluations = evaluations;
        this.spans = spans;
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
        long every = Math.max(100, config.local().rescanInterval().toMillis());
        executor.scheduleWithFixedDelay(this::rescanSafely, 0, every, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The policies being evaluated. */
    public synchronized List<PolicyKey> loaded() {
        return files.values().stream().filter(f -> f.task != null).map(f -> f.key).sorted(
                (a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    /** File name (or the directory) -> why it is not evaluated. */
    public Map<String, String> problems() {
        return new TreeMap<>(problems);
    }

    private void rescanSafely() {
        try {
            rescan();
        } catch (RuntimeException e) {
            // an exception would end the scheduled rescans for good
            LOG.warnf(e, "rescanning local policies failed");
        }
    }

    synchronized void rescan() {
        Path dir = config.local().policiesDir().orElseThrow();
        Map<Path, byte[]> present = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.filter(LocalPolicies::isPolicyFile).toList()) {
                try {
                    present.put(file, Files.readAllBytes(file));
                } catch (IOException e) {
                    report(file, "cannot read: " + e.getMessage());
                }
            }
            if (directoryProblem != null) {
                LOG.infof("local policies directory %s readable again", dir);
                problems.remove(dir.toString());
                directoryProblem = null;
            }
        } catch (IOException e) {
            String problem = "cannot list: " + e.getMessage();
            if (!problem.equals(directoryProblem)) {
                LOG.warnf("local policies directory %s %s", dir, problem);
            }
            directoryProblem = problem;
            problems.put(dir.toString(), problem);
            // files already loaded keep running: a transient listing error must not drop them
            return;
        }
        for (Iterator<Map.Entry<Path, LoadedFile>> it = files.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, LoadedFile> entry = it.next();
            if (!present.containsKey(entry.getKey())) {
                LOG.infof("local policy file %s removed", entry.getKey());
                unload(entry.getValue(), true);
                problems.remove(name(entry.getKey()));
                it.remove();
            }
        }
        // files whose contents did not change keep their schedule; the others are (re)loaded, in name order
        List<Path> changed = new ArrayList<>();
        present.forEach((file, bytes) -> {
            LoadedFile known = files.get(file);
            if (known == null || !Arrays.equals(known.bytes, bytes)
                    || (known.duplicateOf != null && !isLoaded(known.duplicateOf))) {
                changed.add(file);
            }
        });
        for (Path file : changed) {
            load(file, present.get(file));
        }
    }

    private void load(Path file, byte[] bytes) {
        LoadedFile previous = files.remove(file);
        ScalingPolicy policy;
        try {
            policy = serialization.unmarshal(new ByteArrayInputStream(bytes), ScalingPolicy.class);
            if (policy == null || policy.getMetadata() == null || policy.getMetadata().getName() == null
                    || policy.getSpec() == null) {
                throw new IllegalArgumentException("not a ScalingPolicy with metadata.name and spec");
            }
        } catch (RuntimeException e) {
            fail(file, bytes, previous, "cannot parse: " + e.getMessage());
            return;
        }
        String namespace = policy.getMetadata().getNamespace() == null ? "local" : policy.getMetadata().getNamespace();
        PolicyKey key = new PolicyKey(namespace, policy.getMetadata().getName());
        PolicyRules rules;
        try {
            rules = PolicySpecMapper.toRules(policy.getSpec()).withMode(Mode.RECOMMEND, null);
        } catch (InvalidSpecException e) {
            fail(file, bytes, previous, key + ": " + e.getMessage());
            return;
        }
        for (Map.Entry<Path, LoadedFile> other : files.entrySet()) {
            if (key.equals(other.getValue().key) && other.getValue().task != null) {
                // retried once the other file lets go of the name
                unload(previous, true);
                files.put(file, new LoadedFile(bytes, null, null, key));
                report(file, key + " is already defined in " + name(other.getKey()));
                return;
            }
        }
        // an edit keeps the policy's windows and history, as an edited custom resource does; a rename drops the old
        unload(previous, previous != null && !key.equals(previous.key));
        int replicas = Math.max(rules.minReplicas(), config.local().assumedReplicas());
        Duration interval = policy.getSpec().evaluationIntervalSeconds == null
                ? config.evaluation().interval()
                : Duration.ofSeconds(policy.getSpec().evaluationIntervalSeconds);
        var metrics = policy.getSpec().metrics;
        ScheduledFuture<?> task = executor.scheduleWithFixedDelay(() -> {
            Span span = spans.startEvaluation(key);
            try (Scope ignored = span.makeCurrent()) {
                EvaluationSpans.decided(span, evaluations.evaluate(key, rules, metrics, replicas).decision());
            } catch (RuntimeException e) {
                EvaluationSpans.failed(span, e);
                LOG.warnf("local policy %s evaluation failed: %s", key, e.getMessage());
            } finally {
                span.end();
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        files.put(file, new LoadedFile(bytes, key, task, null));
        problems.remove(name(file));
        LOG.infof("local policy %s %s from %s", key, previous == null ? "loaded" : "reloaded", file);
    }

    private void fail(Path file, byte[] bytes, LoadedFile previous, String reason) {
        // an invalid edit stops the policy, as an invalid spec does in the cluster: no decisions from a stale version
        unload(previous, true);
        files.put(file, new LoadedFile(bytes, null, null, null));
        report(file, reason);
    }

    private void report(Path file, String reason) {
        problems.put(name(file), reason);
        LOG.warnf("local policy file %s is not evaluated: %s", file, reason);
    }

    private void unload(LoadedFile file, boolean forget) {
        if (file == null || file.task == null) {
            return;
        }
        file.task.cancel(false);
        if (forget) {
            evaluations.remove(file.key);
        }
    }

    private static boolean isPolicyFile(Path file) {
        String name = name(file);
        // ConfigMap volumes hold hidden ..data links beside the files
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private boolean isLoaded(PolicyKey key) {
        return files.values().stream().anyMatch(f -> f.task != null && key.equals(f.key));
    }

    /** @param duplicateOf when not evaluated because another file defines the same policy, that policy */
    private record LoadedFile(byte[] bytes, PolicyKey key, ScheduledFuture<?> task, PolicyKey duplicateOf) {
    }
}
