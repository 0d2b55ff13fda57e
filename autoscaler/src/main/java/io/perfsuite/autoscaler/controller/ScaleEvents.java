package io.perfsuite.autoscaler.controller;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;

/** A Kubernetes Event on the policy for every scale action, as HPA records SuccessfulRescale. */
@ApplicationScoped
public class ScaleEvents {

    private static final Logger LOG = Logger.getLogger(ScaleEvents.class);
    private final AtomicLong sequence = new AtomicLong();
    private final KubernetesClient client;
    private final Clock clock;

    ScaleEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(ScalingPolicy policy, String reason, String message, boolean warning) {
        String namespace = policy.getMetadata().getNamespace();
        String now = clock.instant().toString();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(namespace)
                .withName(policy.getMetadata().getName() + "." + Long.toHexString(clock.millis())
                        + Long.toHexString(sequence.incrementAndGet()))
                .endMetadata()
                .withNewInvolvedObject().withApiVersion(policy.getApiVersion()).withKind(policy.getKind())
                .withNamespace(namespace).withName(policy.getMetadata().getName())
                .withUid(policy.getMetadata().getUid()).endInvolvedObject()
                .withReason(reason).withMessage(message).withType(warning ? "Warning" : "Normal")
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("perfsuite-autoscaler").endSource()
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            // an event is a courtesy: failing to write one must not fail the scale action
            LOG.warnf("could not record event %s on %s/%s: %s", reason, namespace, policy.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
