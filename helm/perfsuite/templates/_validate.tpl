{{/* Rules values.schema.json cannot say; each failure names the value and what to do. */}}
{{- define "perfsuite.validate" -}}
{{- range $key := include "perfsuite.stateless" . | fromYamlArray }}
{{- $hpa := (index $.Values $key).hpa }}
{{- if and $hpa.enabled (lt (int $hpa.maxReplicas) (int $hpa.minReplicas)) }}
{{- fail (printf "%s.hpa.maxReplicas (%v) must be at least %s.hpa.minReplicas (%v)" $key $hpa.maxReplicas $key $hpa.minReplicas) }}
{{- end }}
{{- end }}
{{- with .Values.loadBalancer.tls }}
{{- if and .enabled (not .secretName) }}
{{- fail "loadBalancer.tls.enabled needs loadBalancer.tls.secretName: a kubernetes.io/tls Secret with tls.crt and tls.key" }}
{{- end }}
{{- end }}
{{- if and .Values.queryRouter.resultCache.enabled (not .Values.cacheService.enabled) }}
{{- fail "queryRouter.resultCache.enabled needs cacheService.enabled: the result cache lives in this release's cache-service" }}
{{- end }}
{{- if and .Values.queryRouter.resultCache.enabled (not .Values.queryRouter.resultCache.apiKeySecretRef.name) }}
{{- fail "queryRouter.resultCache.enabled needs queryRouter.resultCache.apiKeySecretRef (name, key): a cache-service key with the admin role" }}
{{- end }}
{{- end }}
