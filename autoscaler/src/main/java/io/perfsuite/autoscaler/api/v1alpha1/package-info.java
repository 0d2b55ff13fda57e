/**
 * The ScalingPolicy custom resource (perfsuite.io/v1alpha1). The CRD, its OpenAPI schema, CEL rules and printer
 * columns are generated from these classes at build time (target/kubernetes/). Field names follow HPA's where the
 * meaning is the same (stabilizationWindowSeconds, selectPolicy, periodSeconds). Enum constants are spelled as they
 * appear in YAML.
 */
package io.perfsuite.autoscaler.api.v1alpha1;
