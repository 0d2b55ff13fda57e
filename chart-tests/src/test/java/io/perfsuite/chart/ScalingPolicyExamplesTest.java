package io.perfsuite.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/** k8s/examples/ hold ScalingPolicies the CRD's openAPIV3Schema accepts, one per way of scaling. */
class ScalingPolicyExamplesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path EXAMPLES = Repository.K8S.resolve("examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void shouldShowReactiveScheduledPredictiveAndRecommendOnlyPolicies() throws IOException {
        assertThat(examples().map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("reactive.yaml",
                "scheduled.yaml", "predictive.yaml", "recommend-only.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldBeAcceptedByTheCrdSchema(Path example) throws IOException {
        JsonNode policy = YAML.readTree(example.toFile());

        assertThat(policy.path("apiVersion").asText()).isEqualTo("perfsuite.io/v1alpha1");
        assertThat(policy.path("kind").asText()).isEqualTo("ScalingPolicy");
        assertThat(violations(policy)).as(example.getFileName().toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldKeepTheCrdsCelRules(Path example) throws IOException {
        JsonNode spec = YAML.readTree(example.toFile()).path("spec");

        // the CRD's x-kubernetes-validations, which a JSON schema validator does not run
        assertThat(spec.path("minReplicas").asInt(0)).isLessThanOrEqualTo(spec.path("maxReplicas").asInt());
        spec.path("schedules").forEach(schedule -> assertThat(schedule.has("minReplicas") || schedule.has("maxReplicas"))
                .as("schedule %s raises minReplicas, maxReplicas or both", schedule.path("name").asText()).isTrue());
    }

    @Test
    void shouldRefuseAPolicyTheCrdForbids() throws IOException {
        ObjectNode policy = (ObjectNode) YAML.readTree(EXAMPLES.resolve("reactive.yaml").toFile());
        ((ObjectNode) policy.path("spec")).put("minReplicas", -1);
        ((ObjectNode) policy.path("spec")).put("mode", "Sometimes");
        ((ObjectNode) policy.path("spec")).put("maxReplica", 3);

        assertThat(violations(policy)).extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString).contains("$.spec.minReplicas", "$.spec.mode", "$.spec");
    }

    private static Set<ValidationMessage> violations(JsonNode policy) {
        return crdSchema().validate(policy);
    }

    /** The CRD's openAPIV3Schema as a JSON schema: the keywords Kubernetes adds (x-kubernetes-*) are ignored. */
    private static JsonSchema crdSchema() {
        CustomResourceDefinition crd = ScalingPolicyCrdTest.chartCrd();
        JsonNode schema = YAML.valueToTree(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
        ObjectNode withApiFields = (ObjectNode) schema.deepCopy();
        for (String field : List.of("apiVersion", "kind", "metadata")) {
            ((ObjectNode) withApiFields.with("properties")).putObject(field);
        }
        closeObjects(withApiFields.get("properties").get("spec"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(withApiFields);
    }

    /** The API server prunes fields the schema does not name; in an example such a field is a typo, so refuse it. */
    private static void closeObjects(JsonNode node) {
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.has("x-kubernetes-preserve-unknown-fields")) {
            ((ObjectNode) node).put("additionalProperties", false);
        }
        node.path("properties").forEach(ScalingPolicyExamplesTest::closeObjects);
        if (node.has("items")) {
            closeObjects(node.get("items"));
        }
    }
}
