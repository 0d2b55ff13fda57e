package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** What values switch on and off: monitoring objects, Jaeger, HPAs, budgets, and where secrets come from. */
class OptionalComponentsTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    final Manifests defaults = HelmChart.withDefaults().render();

    @Test
    void shouldRenderNoOptionalObjectByDefault() {
        assertThat(defaults.generic("ServiceMonitor")).isEmpty();
        assertThat(defaults.generic("PodMonitor")).isEmpty();
        assertThat(defaults.generic("PrometheusRule")).isEmpty();
        assertThat(defaults.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(defaults.names()).noneMatch(n -> n.contains("jaeger") || n.contains("dashboard"));
    }

    @Test
    void shouldScrapeEachServiceOnItsMetricsPortThroughMonitors() {
        Manifests monitored = HelmChart.withDefaults().set("monitoring.serviceMonitor.enabled", true)
                .set("monitoring.podMonitor.enabled", true).set("monitoring.serviceMonitor.labels.release", "kps")
                .render();

        assertThat(monitored.generic("ServiceMonitor")).hasSize(5);
        assertThat(monitored.generic("PodMonitor")).hasSize(5);
        GenericKubernetesResource lb = monitored.generic("ServiceMonitor").stream()
                .filter(m -> m.getMetadata().getName().equals("perfsuite-load-balancer")).findFirst().orElseThrow();
        assertThat(lb.getMetadata().getLabels()).containsEntry("release", "kps");
        // the load-balancer serves metrics on its management port, the others on http
        assertThat(lb.<String>get("spec", "endpoints", 0, "port")).isEqualTo("management");
        assertThat(lb.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
        GenericKubernetesResource cache = monitored.generic("PodMonitor").stream()
                .filter(m -> m.getMetadata().getName().equals("perfsuite-cache-service")).findFirst().orElseThrow();
        assertThat(cache.<String>get("spec", "podMetricsEndpoints", 0, "port")).isEqualTo("http");
    }

    @Test
    void shouldWrapResourceMonitorsDefaultRulesInAPrometheusRule() throws IOException {
        Manifests ruled = HelmChart.withDefaults().set("monitoring.prometheusRule.enabled", true).render();
        Path rules = Repository.CHART.resolve("files/prometheus-rules.yaml");

        GenericKubernetesResource rule = ruled.generic("PrometheusRule").get(0);
        JsonNode spec = YAML.valueToTree(rule.getAdditionalProperties().get("spec"));
        assertThat(spec).isEqualTo(YAML.readTree(rules.toFile()));
        assertThat(spec.path("groups").size()).isPositive();
    }

    @Test
    void shouldShipResourceMonitorsDefaultRules() throws IOException {
        Path theirs = Repository.ROOT.resolve("resource-monitor/src/main/resources/rules/perfsuite-default-rules.yml");

        assertThat(Files.readString(Repository.CHART.resolve("files/prometheus-rules.yaml")))
                .as("helm/perfsuite/files/prometheus-rules.yaml is behind resource-monitor's default rules: copy %s",
                        theirs)
                .isEqualTo(Files.readString(theirs));
    }

    @Test
    void shouldShipARuleFilePromtoolAccepts() throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "rules",
                Repository.CHART.resolve("files/prometheus-rules.yaml").toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes());

        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void shouldLabelTheDashboardForTheGrafanaSidecar() throws IOException {
        Manifests dashboards = HelmChart.withDefaults().set("grafana.dashboard.enabled", true)
                .set("grafana.dashboard.namespace", "grafana").render();

        ConfigMap dashboard = dashboards.one(ConfigMap.class, "perfsuite-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("grafana");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("perfsuite.json"));
        assertThat(json.path("uid").asText()).isEqualTo("perfsuite-overview");
        assertThat(json.path("panels").size()).isPositive();
    }

    @Test
    void shouldRunJaegerAndSendEveryServicesSpansToItWhenEnabled() {
        Manifests traced = HelmChart.withDefaults().set("jaeger.enabled", true).render();

        Container jaeger = traced.one(Deployment.class, "perfsuite-jaeger").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(Manifests.ports(jaeger)).containsEntry("otlp-grpc", 4317).containsEntry("otlp-http", 4318)
                .containsEntry("ui", 16686);
        assertThat(jaeger.getSecurityContext().getRunAsUser()).as("the image's own user").isEqualTo(10001L);
        for (String service : Manifests.SERVICES) {
            Map<String, EnvVar> env = Manifests.env(traced.container(service));
            assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").getValue()).isEqualTo("http://perfsuite-jaeger:4317");
            assertThat(env).doesNotContainKey("QUARKUS_OTEL_SDK_DISABLED");
        }
    }

    @Test
    void shouldTurnTraceExportOffWithoutACollectorAndFollowAGivenOne() {
        assertThat(Manifests.env(defaults.container("query-router")).get("QUARKUS_OTEL_SDK_DISABLED").getValue())
                .isEqualTo("true");

        Manifests collected = HelmChart.withDefaults().set("tracing.otlpEndpoint", "http://otel-collector.obs:4318")
                .set("tracing.protocol", "http/protobuf").render();
        Map<String, EnvVar> env = Manifests.env(collected.container("query-router"));
        assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").getValue()).isEqualTo("http://otel-collector.obs:4318");
        assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL").getValue()).isEqualTo("http/protobuf");
    }

    @Test
    void shouldAutoscaleOnlyStatelessServicesAndLeaveTheirReplicasToTheHpa() {
        Manifests scaled = HelmChart.withDefaults().set("cacheService.hpa.enabled", true)
                .set("cacheService.hpa.maxReplicas", 9).render();

        HorizontalPodAutoscaler hpa = scaled.one(HorizontalPodAutoscaler.class, "perfsuite-cache-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("perfsuite-cache-service");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
        assertThat(scaled.all(HorizontalPodAutoscaler.class)).hasSize(1);
        assertThat(scaled.deployment("cache-service").getSpec().getReplicas()).isNull();
        assertThat(scaled.deployment("query-router").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void shouldBudgetDisruptionsOnlyForServicesWithMoreThanOneReplica() {
        assertThat(defaults.all(PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("perfsuite-load-balancer", "perfsuite-cache-service",
                        "perfsuite-query-router", "perfsuite-autoscaler");
        assertThat(defaults.one(PodDisruptionBudget.class, "perfsuite-cache-service").getSpec().getSelector()
                .getMatchLabels()).isEqualTo(defaults.deployment("cache-service").getSpec().getSelector().getMatchLabels());
    }

    @Test
    void shouldReadPostgresCredentialsFromAnExistingSecretWithoutMakingOne() {
        Manifests external = HelmChart.withDefaults().set("postgres.auth.existingSecret", "pg-credentials")
                .set("postgres.auth.passwordKey", "pw").render();

        assertThat(external.all(Secret.class)).isEmpty();
        EnvVar password = Manifests.env(external.container("query-router")).get("ROUTER_PG_PASSWORD");
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pg-credentials");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
        assertThat(Manifests.env(external.container("query-router")).get("ROUTER_PRIMARY_URI").getValue())
                .isEqualTo(
                        "postgresql://$(ROUTER_PG_USERNAME):$(ROUTER_PG_PASSWORD)@postgres-primary.postgres.svc:5432/perfsuite")
                .doesNotContain("pw");
    }

    @Test
    void shouldTakeApiKeysFromSecretsAndNameThemInTheServicesConfig() {
        Manifests keyed = HelmChart.withDefaults().values("""
                cacheService:
                  apiKeys:
                    - name: query-router
                      roles: admin
                      secretRef: {name: router-keys, key: cache}
                    - name: writer
                      roles: write
                      secret: writer-secret-0123456789
                """).render();

        Map<String, EnvVar> env = Manifests.env(keyed.container("cache-service"));
        assertThat(env.get("PERFSUITE_API_KEY_QUERY_ROUTER").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("router-keys");
        assertThat(env.get("PERFSUITE_API_KEY_WRITER").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("perfsuite-cache-service-api-keys");
        Secret made = keyed.one(Secret.class, "perfsuite-cache-service-api-keys");
        assertThat(made.getStringData()).containsExactly(Map.entry("writer", "writer-secret-0123456789"));
        String properties = keyed.one(ConfigMap.class, "perfsuite-cache-service").getData().get("application.properties");
        assertThat(properties.lines()).contains(
                "perfsuite.auth.api-keys.\"query-router\".secret=${PERFSUITE_API_KEY_QUERY_ROUTER}",
                "perfsuite.auth.api-keys.\"query-router\".roles=admin",
                "perfsuite.auth.api-keys.\"writer\".secret=${PERFSUITE_API_KEY_WRITER}")
                .noneMatch(line -> line.contains("writer-secret-0123456789"));
    }

    @Test
    void shouldPointCacheServiceAtARedisCluster() {
        Manifests cluster = HelmChart.withDefaults().values("""
                redis:
                  mode: cluster
                  hosts: [redis://redis-0.redis:6379, redis://redis-1.redis:6379]
                  auth: {existingSecret: redis-auth}
                """).render();

        Map<String, EnvVar> env = Manifests.env(cluster.container("cache-service"));
        assertThat(env.get("QUARKUS_REDIS_CLIENT_TYPE").getValue()).isEqualTo("cluster");
        assertThat(env.get("QUARKUS_REDIS_HOSTS").getValue())
                .isEqualTo("redis://redis-0.redis:6379,redis://redis-1.redis:6379");
        assertThat(env.get("QUARKUS_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-auth");
    }

    @Test
    void shouldRollPodsWhenTheirConfigChanges() {
        Manifests changed = HelmChart.withDefaults().set("queryRouter.config.router\\.lag\\.max", "2s").render();

        assertThat(checksum(changed, "query-router")).isNotEqualTo(checksum(defaults, "query-router"));
        assertThat(checksum(changed, "cache-service")).isEqualTo(checksum(defaults, "cache-service"));
        assertThat(changed.one(ConfigMap.class, "perfsuite-query-router").getData().get("application.properties")
                .lines()).contains("router.lag.max=2s");
    }

    @Test
    void shouldSayInItsNotesHowToReachEachService() throws IOException {
        String notes = Files.readString(Repository.CHART.resolve("templates/NOTES.txt"));

        for (String expected : List.of("port-forward", "ingressFrom", "16686")) {
            assertThat(notes).contains(expected);
        }
    }

    private static String checksum(Manifests manifests, String service) {
        return manifests.deployment(service).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }
}
