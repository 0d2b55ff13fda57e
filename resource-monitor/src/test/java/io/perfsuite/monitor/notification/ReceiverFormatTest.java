package io.perfsuite.monitor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReceiverFormatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldComputeAlertmanagerFingerprint() {
        // model.LabelSet{"alertname":"Foo","instance":"a"}.Fingerprint() by the same FNV-1a 64 rule
        assertThat(Fingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
        assertThat(Fingerprint.of(Map.of("a", "b"))).isEqualTo(Fingerprint.of(new java.util.TreeMap<>(Map.of("a", "b"))))
                .hasSize(16).isNotEqualTo(Fingerprint.of(Map.of("a", "c")));
    }

    @Test
    void shouldBuildPagerDutyTriggerAndResolveWithFingerprintDedupKey() {
        NotifiableAlert firing = NotifiableAlert.of(Map.of("alertname", "X", "severity", "page", "instance", "h1"),
                Map.of("summary", "x is high"), T0, null, "");
        NotifiableAlert resolved = NotifiableAlert.of(Map.of("alertname", "Y"), Map.of(), T0, T0.plusSeconds(5), "");
        GroupNotification notice = new GroupNotification("n1", "pd", "{}:{}", Map.of(), List.of(firing, resolved), T0);

        List<Delivery> deliveries = new ReceiverFormat.PagerDuty("key-1", "perfsuite").deliveries(notice, "http://pd");

        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).body()).containsEntry("routing_key", "key-1").containsEntry("event_action", "trigger")
                .containsEntry("dedup_key", firing.fingerprint());
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) deliveries.get(0).body().get("payload");
        assertThat(payload).containsEntry("summary", "x is high").containsEntry("severity", "error")
                .containsEntry("source", "h1");
        assertThat(deliveries.get(1).body()).containsEntry("event_action", "resolve").doesNotContainKey("payload");
        assertThat(deliveries).extracting(Delivery::id).doesNotHaveDuplicates();
    }

    @Test
    void shouldColourSlackMessageByState() {
        NotifiableAlert critical = NotifiableAlert.of(Map.of("alertname", "X", "severity", "critical"),
                Map.of("summary", "down"), T0, null, "");
        GroupNotification notice = new GroupNotification("n1", "slack", "{}:{}", Map.of("alertname", "X"),
                List.of(critical), T0);

        Map<String, Object> body = new ReceiverFormat.Slack().deliveries(notice, "http://slack").get(0).body();

        assertThat(body.get("text")).isEqualTo("[FIRING:1] X");
        assertThat(body.get("attachments").toString()).contains("color=danger").contains("firing: down");
    }
}
