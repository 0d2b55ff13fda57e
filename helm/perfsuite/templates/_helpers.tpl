{{/* The five services: values key -> service (and image) name. */}}
{{- define "perfsuite.services" -}}
loadBalancer: load-balancer
cacheService: cache-service
queryRouter: query-router
autoscaler: autoscaler
resourceMonitor: resource-monitor
{{- end }}

{{/* Services that hold no state of their own and may get an HPA. */}}
{{- define "perfsuite.stateless" -}}
[loadBalancer, cacheService, queryRouter]
{{- end }}

{{- define "perfsuite.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-<service>; args: root context, service name */}}
{{- define "perfsuite.fullname" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "perfsuite.commonLabels" -}}
helm.sh/chart: {{ include "perfsuite.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: perfsuite
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* args: root, service name */}}
{{- define "perfsuite.labels" -}}
{{- $root := index . 0 -}}
{{ include "perfsuite.commonLabels" $root }}
app.kubernetes.io/name: {{ index . 1 }}
{{- end }}

{{- define "perfsuite.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end }}

{{- define "perfsuite.image" -}}
{{- $root := index . 0 -}}
{{- $img := $root.Values.image -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository (index . 1) (default $root.Chart.AppVersion $img.tag) -}}
{{- end }}

{{/* The port that serves /q/health and /q/metrics: the management port when set. args: service values */}}
{{- define "perfsuite.metricsPortName" -}}
{{- if .managementPort }}management{{ else }}http{{ end -}}
{{- end }}

{{- define "perfsuite.metricsPort" -}}
{{- default .port .managementPort -}}
{{- end }}

{{/* The port of a URL, from its scheme when it names none. */}}
{{- define "perfsuite.urlPort" -}}
{{- $u := urlParse . -}}
{{- $p := regexFind ":[0-9]+$" $u.host | trimPrefix ":" -}}
{{- if $p }}{{ $p }}{{ else if eq $u.scheme "https" }}443{{ else if eq $u.scheme "rediss" }}6379{{ else if eq $u.scheme "redis" }}6379{{ else }}80{{ end -}}
{{- end }}

{{/* Where traces go: the configured endpoint, else this release's Jaeger, else nowhere. */}}
{{- define "perfsuite.otlpEndpoint" -}}
{{- if .Values.tracing.otlpEndpoint -}}
{{ .Values.tracing.otlpEndpoint }}
{{- else if .Values.jaeger.enabled -}}
http://{{ include "perfsuite.fullname" (list . "jaeger") }}:{{ if eq .Values.tracing.protocol "grpc" }}4317{{ else }}4318{{ end }}
{{- end -}}
{{- end }}

{{- define "perfsuite.postgresSecret" -}}
{{- default (include "perfsuite.fullname" (list . "postgres")) .Values.postgres.auth.existingSecret -}}
{{- end }}

{{- define "perfsuite.redisSecret" -}}
{{- default (include "perfsuite.fullname" (list . "redis")) .Values.redis.auth.existingSecret -}}
{{- end }}

{{- define "perfsuite.redisHasPassword" -}}
{{- if or .Values.redis.auth.existingSecret .Values.redis.auth.password }}true{{ end -}}
{{- end }}

{{/* The env name a key's secret is read from: PERFSUITE_API_KEY_<NAME>. */}}
{{- define "perfsuite.apiKeyEnv" -}}
{{- printf "PERFSUITE_API_KEY_%s" (regexReplaceAll "[^A-Za-z0-9]" . "_" | upper) -}}
{{- end }}

{{/* Environment every service gets. args: root, service values, service name */}}
{{- define "perfsuite.commonEnv" -}}
{{- $root := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $name := index . 2 -}}
{{- /* the load-balancer's clients reach its own proxy server, not Quarkus' HTTP server */}}
- name: {{ ternary "LB_PROXY_PORT" "QUARKUS_HTTP_PORT" (eq $name "load-balancer") }}
  value: {{ $svc.port | quote }}
- name: KUBERNETES_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- if $svc.managementPort }}
- name: QUARKUS_MANAGEMENT_PORT
  value: {{ $svc.managementPort | quote }}
{{- end }}
# event loops sized to the CPU limit, not to the node's cores
- name: QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE
  valueFrom:
    resourceFieldRef:
      resource: limits.cpu
      divisor: "1"
{{- $endpoint := include "perfsuite.otlpEndpoint" $root }}
{{- if $endpoint }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $endpoint | quote }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $root.Values.tracing.protocol | quote }}
{{- else }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "true"
{{- end }}
{{- range $svc.apiKeys }}
- name: {{ include "perfsuite.apiKeyEnv" .name }}
  valueFrom:
    secretKeyRef:
      {{- if .secretRef }}
      name: {{ .secretRef.name }}
      key: {{ .secretRef.key }}
      {{- else }}
      name: {{ include "perfsuite.fullname" (list $root (printf "%s-api-keys" $name)) }}
      key: {{ .name }}
      {{- end }}
{{- end }}
{{- end }}

{{/* Environment of one service: where its dependencies are. args: root, values key */}}
{{- define "perfsuite.serviceEnv" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $v := $root.Values -}}
{{- if eq $key "loadBalancer" }}
{{- $backends := $v.loadBalancer.backends }}
{{- if not $backends }}
{{- $backends = list (printf "http://%s:%v" (include "perfsuite.fullname" (list $root "query-router")) $v.queryRouter.port) }}
{{- end }}
# the pool for a routing-file pool that lists no backends, and the only one without a routing file
- name: LB_BACKENDS
  value: {{ join "," $backends | quote }}
{{- if include "perfsuite.lbRouting" $root }}
- name: LB_CONFIG_FILE
  value: /deployments/config/routing.yaml
{{- end }}
{{- if $v.loadBalancer.tls.enabled }}
# the TLS port, from the Secret mounted at /deployments/tls
- name: LB_PROXY_TLS_PORT
  value: {{ $v.loadBalancer.tls.port | quote }}
- name: LB_PROXY_TLS_CERT_PATH
  value: /deployments/tls/tls.crt
- name: LB_PROXY_TLS_KEY_PATH
  value: /deployments/tls/tls.key
{{- end }}
{{- else if eq $key "cacheService" }}
{{- include "perfsuite.redisEnv" $root }}
{{- else if eq $key "queryRouter" }}
{{- $pg := $v.postgres }}
- name: ROUTER_PG_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "perfsuite.postgresSecret" $root }}
      key: {{ $pg.auth.usernameKey }}
- name: ROUTER_PG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "perfsuite.postgresSecret" $root }}
      key: {{ $pg.auth.passwordKey }}
# $(VAR) is expanded by the kubelet from the two variables above
- name: ROUTER_PRIMARY_URI
  value: {{ printf "postgresql://$(ROUTER_PG_USERNAME):$(ROUTER_PG_PASSWORD)@%s:%v/%s" $pg.primary.host $pg.primary.port $pg.database | quote }}
{{- $replicas := list }}
{{- range $pg.replicas }}
{{- $replicas = append $replicas (printf "postgresql://$(ROUTER_PG_USERNAME):$(ROUTER_PG_PASSWORD)@%s:%v/%s" .host .port $pg.database) }}
{{- end }}
- name: ROUTER_REPLICAS
  value: {{ join "," $replicas | quote }}
- name: ROUTER_CACHE_ENABLED
  value: {{ and $v.queryRouter.resultCache.enabled $v.cacheService.enabled | toString | quote }}
- name: QUARKUS_REST_CLIENT_CACHE_SERVICE_URL
  value: {{ printf "http://%s:%v" (include "perfsuite.fullname" (list $root "cache-service")) $v.cacheService.port | quote }}
{{- with $v.queryRouter.resultCache.apiKeySecretRef }}
{{- if .name }}
- name: ROUTER_CACHE_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- else if eq $key "autoscaler" }}
- name: AUTOSCALER_PROMETHEUS_URL
  value: {{ $v.prometheus.url | quote }}
- name: QUARKUS_OPERATOR_SDK_CONTROLLERS_SCALINGPOLICY_NAMESPACES
  value: {{ if $v.autoscaler.watchNamespaces }}{{ join "," $v.autoscaler.watchNamespaces | quote }}{{ else }}JOSDK_ALL_NAMESPACES{{ end }}
{{- else if eq $key "resourceMonitor" }}
- name: MONITOR_PROMETHEUS_URL
  value: {{ $v.prometheus.url | quote }}
# the notification outbox
{{- include "perfsuite.redisEnv" $root }}
{{- end }}
{{- end }}

{{/* The restricted Pod Security Standard, for containers. */}}
{{- define "perfsuite.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "perfsuite.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* A service's config/application.properties: its API keys and the extra config from values. args: root, service values */}}
{{- define "perfsuite.configProperties" -}}
{{- $svc := index . 1 -}}
# written by the perfsuite chart; extra lines come from the service's `config` value
{{- range $svc.apiKeys }}
perfsuite.auth.api-keys."{{ .name }}".secret=${ {{- include "perfsuite.apiKeyEnv" .name -}} }
perfsuite.auth.api-keys."{{ .name }}".roles={{ .roles }}
{{- end }}
{{- range $k, $val := $svc.config }}
{{ $k }}={{ $val }}
{{- end }}
{{- end }}

{{/* What the ScalingPolicy controller does, and nothing more. */}}
{{- define "perfsuite.autoscalerRules" -}}
# read and watch its policies; patch/update only to add and remove its finalizer
- apiGroups: [perfsuite.io]
  resources: [scalingpolicies]
  verbs: [get, list, watch, patch, update]
# the owned HPA's owner reference sets blockOwnerDeletion
- apiGroups: [perfsuite.io]
  resources: [scalingpolicies/finalizers]
  verbs: [update]
- apiGroups: [perfsuite.io]
  resources: [scalingpolicies/status]
  verbs: [get, patch, update]
# replicas through the scale subresource only, never the workloads themselves
- apiGroups: [apps]
  resources: [deployments/scale, statefulsets/scale]
  verbs: [get, update, patch]
# the HPA it owns in HPA actuation
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [get, create, update, patch]
# an Event per scale action
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}

{{/* One NetworkPolicy rule: peers (empty: any) on TCP ports. args: "to"|"from", peers, ports */}}
{{- define "perfsuite.netpolRule" -}}
{{- $dir := index . 0 -}}
{{- $peers := index . 1 -}}
{{- $ports := index . 2 -}}
{{- if $peers -}}
- {{ $dir }}:
    {{- toYaml $peers | nindent 4 }}
  ports:
{{- else -}}
- ports:
{{- end }}
    {{- range $ports }}
    - protocol: TCP
      port: {{ int . }}
    {{- end }}
{{- end }}

{{/* A peer selecting one of this release's services. args: root, service name */}}
{{- define "perfsuite.podPeer" -}}
- podSelector:
    matchLabels:
      {{- include "perfsuite.selectorLabels" . | nindent 6 }}
{{- end }}

{{/* The load-balancer's routing file: the one in values, else the suite's front door (empty with backends set). */}}
{{- define "perfsuite.lbRouting" -}}
{{- $v := .Values -}}
{{- if $v.loadBalancer.routing -}}
{{ toYaml $v.loadBalancer.routing }}
{{- else if not $v.loadBalancer.backends -}}
{{- $check := dict "path" "/q/health/ready" }}
{{- $pools := list }}
{{- $routes := list }}
{{- if $v.queryRouter.enabled }}
{{- $pools = append $pools (include "perfsuite.lbPool" (list . "query-router" $v.queryRouter.port) | fromYaml) }}
{{- range list "query" "transaction" "classify" }}
{{- $routes = append $routes (dict "name" . "match" (dict "path-prefix" (printf "/v1/%s" .)) "pool" "query-router") }}
{{- end }}
{{- end }}
{{- if $v.cacheService.enabled }}
{{- $pools = append $pools (include "perfsuite.lbPool" (list . "cache-service" $v.cacheService.port) | fromYaml) }}
{{- $routes = append $routes (dict "name" "cache" "match" (dict "path-prefix" "/v1/cache/") "pool" "cache-service") }}
{{- end }}
{{- if $pools }}
{{ toYaml (dict "pools" $pools "routes" $routes) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Where Redis is: cache-service's L2 and resource-monitor's outbox share it. */}}
{{- define "perfsuite.redisEnv" -}}
{{- $v := .Values }}
- name: QUARKUS_REDIS_HOSTS
  value: {{ join "," $v.redis.hosts | quote }}
- name: QUARKUS_REDIS_CLIENT_TYPE
  value: {{ ternary "cluster" "standalone" (eq $v.redis.mode "cluster") | quote }}
{{- if include "perfsuite.redisHasPassword" . }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "perfsuite.redisSecret" . }}
      key: {{ $v.redis.auth.passwordKey }}
{{- end }}
{{- end }}

{{/* One pool of the front door: the Service's pods through EndpointSlices, or its cluster IP. args: root, service, port */}}
{{- define "perfsuite.lbPool" -}}
{{- $root := index . 0 -}}
{{- $fullname := include "perfsuite.fullname" (list $root (index . 1)) -}}
name: {{ index . 1 }}
{{- if $root.Values.loadBalancer.discovery.enabled }}
kubernetes:
  namespace: {{ $root.Release.Namespace }}
  service: {{ $fullname }}
  port: http
{{- else }}
backends:
  - http://{{ $fullname }}:{{ index . 2 }}
{{- end }}
health-check:
  path: /q/health/ready
{{- end }}

{{/* The load-balancer talks to the Kubernetes API: discovery on, with the chart's own routing file. */}}
{{- define "perfsuite.lbDiscovers" -}}
{{- if and .Values.loadBalancer.enabled .Values.loadBalancer.discovery.enabled (not .Values.loadBalancer.routing) (not .Values.loadBalancer.backends) }}true{{ end -}}
{{- end }}
