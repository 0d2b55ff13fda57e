package io.perfsuite.autoscaler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicy;
import io.perfsuite.autoscaler.api.v1alpha1.ScalingPolicySpec;
import io.perfsuite.autoscaler.decision.Behavior;
import io.perfsuite.autoscaler.decision.Mode;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.TargetType;

class PolicySpecMapperTest {

    private static ScalingPolicySpec spec() {
        ScalingPolicySpec spec = new ScalingPolicySpec();
        spec.targetRef = new ScalingPolicySpec.TargetRef();
        spec.targetRef.kind = ScalingPolicySpec.TargetRef.Kind.Deployment;
        spec.targetRef.name = "web";
        spec.minReplicas = 2;
        spec.maxReplicas = 10;
        ScalingPolicySpec.MetricSpec cpu = new ScalingPolicySpec.MetricSpec();
        cpu.name = "cpu";
        cpu.query = "avg(rate(container_cpu_usage_seconds_total[1m])) * 100";
        cpu.target = new ScalingPolicySpec.MetricTarget();
        cpu.target.type = ScalingPolicySpec.MetricTarget.Type.Utilization;
        cpu.target.value = 70.0;
        spec.metrics = List.of(cpu);
        return spec;
    }

    private static SpecViolation firstViolation(ScalingPolicySpec spec) {
        return catchThrowableOfType(InvalidSpecException.class, () -> PolicySpecMapper.toRules(spec)).violations()
                .get(0);
    }

    @Test
    void shouldMapAMinimalSpecToHpaDefaults() {
        PolicyRules rules = PolicySpecMapper.toRules(spec());

        assertThat(rules.behavior()).isEqualTo(Behavior.hpaDefault());
        assertThat(rules.tolerance()).isEqualTo(0.1);
        assertThat(rules.mode()).isEqualTo(Mode.AUTO);
        assertThat(rules.metrics()).singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo(TargetType.UTILIZATION));
    }

    @Test
    void shouldRejectMinAboveMaxNamingFieldAndRule() {
        ScalingPolicySpec spec = spec();
        spec.minReplicas = 11;

        SpecViolation violation = firstViolation(spec);

        assertThat(violation.field()).isEqualTo("spec.minReplicas");
        assertThat(violation.rule()).isEqualTo("minReplicas<=maxReplicas");
    }

    @Test
    void shouldRejectABadCronNamingTheSchedule() {
        ScalingPolicySpec spec = spec();
        ScalingPolicySpec.ScheduleSpec schedule = new ScalingPolicySpec.ScheduleSpec();
        schedule.name = "opening";
        schedule.cron = "0 8 * *";
        schedule.durationSeconds = 3600;
        schedule.minReplicas = 5;
        spec.schedules = List.of(schedule);

        SpecViolation violation = firstViolation(spec);

        assertThat(violation.field()).isEqualTo("spec.schedules[0].cron");
        assertThat(violation.message()).contains("5 fields");
    }

    @Test
    void shouldRejectAnUnknownTimeZone() {
        ScalingPolicySpec spec = spec();
        ScalingPolicySpec.ScheduleSpec schedule = new ScalingPolicySpec.ScheduleSpec();
        schedule.name = "opening";
        schedule.cron = "0 8 * * *";
        schedule.timeZone = "Mars/Olympus";
        schedule.durationSeconds = 3600;
        schedule.minReplicas = 5;
        spec.schedules = List.of(schedule);

        assertThat(firstViolation(spec).field()).isEqualTo("spec.schedules[0].timeZone");
    }

    @Test
    void shouldRejectAStepRuleOnAnUnknownMetric() {
        ScalingPolicySpec spec = spec();
        spec.stepRules = new ScalingPolicySpec.StepRulesSpec();
        ScalingPolicySpec.StepRuleSpec rule = new ScalingPolicySpec.StepRuleSpec();
        rule.metric = "memory";
        rule.operator = ScalingPolicySpec.StepRuleSpec.Operator.GreaterThan;
        rule.threshold = 80.0;
        rule.change = ScalingPolicySpec.StepRuleSpec.Change.Multiply;
        rule.by = 2.0;
        spec.stepRules.rules = List.of(rule);

        SpecViolation violation = firstViolation(spec);

        assertThat(violation.field()).isEqualTo("spec.stepRules.rules[0].metric");
        assertThat(violation.rule()).isEqualTo("refers-to-metric");
    }

    @Test
    void shouldRejectPredictionOfAUtilizationMetric() {
        ScalingPolicySpec spec = spec();
        spec.prediction = new ScalingPolicySpec.PredictionSpec();
        spec.prediction.metric = "cpu";

        assertThat(firstViolation(spec).rule()).isEqualTo("target:AverageValue|Value");
    }

    @Test
    void shouldRejectANonPositivePolicyPeriod() {
        ScalingPolicySpec spec = spec();
        spec.behavior = new ScalingPolicySpec.BehaviorSpec();
        spec.behavior.scaleUp = new ScalingPolicySpec.ScalingRulesSpec();
        ScalingPolicySpec.RatePolicySpec policy = new ScalingPolicySpec.RatePolicySpec();
        policy.type = ScalingPolicySpec.RatePolicySpec.Type.Pods;
        policy.value = 4;
        policy.periodSeconds = 0;
        spec.behavior.scaleUp.policies = List.of(policy);

        SpecViolation violation = firstViolation(spec);

        assertThat(violation.field()).isEqualTo("spec.behavior.scaleUp.policies[0].periodSeconds");
        assertThat(violation.rule()).isEqualTo("range:1..1800");
    }

    @Test
    void shouldReadUnknownEnumValuesAsViolationsNamingEachField() {
        // read as the informer reads it (fabric8's serialization): values no CRD schema refused on the way in
        String yaml = """
                apiVersion: perfsuite.io/v1alpha1
                kind: ScalingPolicy
                metadata: {name: odd, namespace: shop}
                spec:
                  targetRef: {kind: CronJob, name: web}
                  maxReplicas: 5
                  mode: Sometimes
                  actuation: KEDA
                  metrics:
                  - {name: rps, query: 'sum(rate(x[1m]))', target: {type: Median, value: 10}}
                  - {name: cpu, query: 'avg(y)', target: {type: Utilization, value: 70}}
                  behavior:
                    scaleUp: {selectPolicy: Random, policies: [{type: Pct, value: 1, periodSeconds: 15}]}
                  stepRules:
                    rules: [{metric: cpu, operator: Equals, threshold: 1, change: Divide, by: 2}]
                """;
        ScalingPolicy policy = new KubernetesSerialization().unmarshal(yaml, ScalingPolicy.class);

        List<SpecViolation> violations = catchThrowableOfType(InvalidSpecException.class,
                () -> PolicySpecMapper.toRules(policy.getSpec())).violations();

        assertThat(violations).extracting(SpecViolation::field).containsExactlyInAnyOrder("spec.targetRef.kind",
                "spec.mode", "spec.actuation", "spec.metrics[0].target.type", "spec.behavior.scaleUp.selectPolicy",
                "spec.behavior.scaleUp.policies[0].type", "spec.stepRules.rules[0].operator",
                "spec.stepRules.rules[0].change");
        assertThat(violations).filteredOn(v -> v.field().equals("spec.mode")).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("enum:Auto,Recommend,Paused");
            assertThat(v.message()).isEqualTo("mode must be one of Auto, Recommend, Paused");
        });
    }

    @Test
    void shouldWriteKnownEnumValuesAsTheirNames() {
        ScalingPolicy policy = new ScalingPolicy();
        policy.setSpec(spec());
        policy.getSpec().mode = ScalingPolicySpec.Mode.Recommend;

        String json = new KubernetesSerialization().asJson(policy);

        assertThat(new KubernetesSerialization().unmarshal(json, ScalingPolicy.class).getSpec().mode)
                .isEqualTo(ScalingPolicySpec.Mode.Recommend);
        assertThat(json).contains("\"mode\":\"Recommend\"");
    }
}
