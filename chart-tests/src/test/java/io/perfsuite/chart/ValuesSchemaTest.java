package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad values are refused by Helm itself, with a message that names the value and the rule. */
class ValuesSchemaTest {

    @Test
    void shouldRejectAnUnknownRedisMode() {
        assertRejected(HelmChart.withDefaults().set("redis.mode", "sharded"), "redis.mode", "single", "cluster");
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertRejected(HelmChart.withDefaults().set("cacheService.port", 70000), "cacheService.port", "65535");
    }

    @Test
    void shouldRejectZeroReplicas() {
        assertRejected(HelmChart.withDefaults().set("queryRouter.replicas", 0), "queryRouter.replicas", "1");
    }

    @Test
    void shouldRejectAMisspelledKey() {
        assertRejected(HelmChart.withDefaults().set("reddis.mode", "single"), "reddis");
    }

    @Test
    void shouldRejectAPrometheusUrlWithoutScheme() {
        assertRejected(HelmChart.withDefaults().set("prometheus.url", "prometheus:9090"), "prometheus.url");
    }

    @Test
    void shouldRejectAnUnknownTraceProtocol() {
        assertRejected(HelmChart.withDefaults().set("tracing.protocol", "zipkin"), "tracing.protocol", "grpc");
    }

    @Test
    void shouldRejectAnApiKeyWithoutASecret() {
        assertRejected(HelmChart.withDefaults().values("""
                cacheService:
                  apiKeys:
                    - name: writer
                      roles: write
                """), "cacheService.apiKeys.0");
    }

    @Test
    void shouldRejectAnInlineApiKeyShorterThanSixteenCharacters() {
        assertRejected(HelmChart.withDefaults().values("""
                cacheService:
                  apiKeys:
                    - name: writer
                      roles: write
                      secret: short
                """), "cacheService.apiKeys.0.secret", "16");
    }

    @Test
    void shouldRejectALimitThatIsNotAQuantity() {
        assertRejected(HelmChart.withDefaults().set("autoscaler.resources.limits.memory", "lots"),
                "autoscaler.resources.limits.memory");
    }

    @Test
    void shouldRejectAnHpaWhoseMaximumIsBelowItsMinimum() {
        assertRejected(HelmChart.withDefaults().set("cacheService.hpa.enabled", true)
                .set("cacheService.hpa.minReplicas", 4).set("cacheService.hpa.maxReplicas", 2),
                "cacheService.hpa.maxReplicas (2) must be at least cacheService.hpa.minReplicas (4)");
    }

    @Test
    void shouldRejectTheResultCacheWithoutAKeyForCacheService() {
        assertRejected(HelmChart.withDefaults().set("queryRouter.resultCache.enabled", true),
                "queryRouter.resultCache.apiKeySecretRef");
    }

    @Test
    void shouldRejectAnHpaForTheAutoscaler() {
        assertRejected(HelmChart.withDefaults().set("autoscaler.hpa.enabled", true), "autoscaler", "hpa");
    }

    private static void assertRejected(HelmChart chart, String... messageParts) {
        assertThatThrownBy(chart::template).isInstanceOf(IllegalStateException.class)
                .message().contains(messageParts);
    }
}
