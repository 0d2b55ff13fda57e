#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs the whole suite on this machine, on loopback: builds it, brings up the
# local infrastructure (scripts/infra.sh), starts the five services, waits
# until each is ready, prints their URLs and waits. Ctrl-C (or SIGTERM) stops
# the services, and the infrastructure too if this script started it.
#
# Usage: scripts/run-local.sh [--no-build] [--keep-infra] [--no-demo]
#   --no-build     skip './mvnw -B -q package -DskipTests', use the jars in */target
#   --keep-infra   leave Redis/PostgreSQL/Prometheus running on exit
#   --no-demo      leave out the demo: the shop behind the load-balancer (scripts/demo/DemoShop.java,
#                  port 8085, /shop/ on the front door), its traffic (scripts/demo/Traffic.java) and
#                  the ScalingPolicy the autoscaler evaluates for it in Recommend mode
#
# Environment:
#   Traces go to the local Jaeger (scripts/infra.sh, OTLP gRPC 4317, UI 16686) by default.
#   QUARKUS_OTEL_EXPORTER_OTLP_*   reach the services as they are and win over everything;
#   OTEL_EXPORTER_OTLP_ENDPOINT    (and _PROTOCOL) passed on as the Quarkus variables;
#                                  with neither and no Jaeger up, the OpenTelemetry SDK is disabled
#   PERFSUITE_PG_PASSWORD          [perfsuite] (and the ports of scripts/infra.sh)
#   PERFSUITE_CACHE_KEY, PERFSUITE_ROUTER_KEY, PERFSUITE_MONITOR_KEY   [random] the admin API keys it prints
#   PERFSUITE_JAVA_OPTS            extra JVM options for every service
#   PERFSUITE_HEALTH_TIMEOUT       [90] seconds for all services to become ready
#   DEMO_DAY_MINUTES, DEMO_PEAK_RPS, DEMO_NIGHT_RPS   [10, 40, 2] the demo traffic's compressed day
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)
LOG_TAG=run-local
# shellcheck source=lib/log.sh
source "$SCRIPT_DIR/lib/log.sh"
# shellcheck source=lib/proc.sh
source "$SCRIPT_DIR/lib/proc.sh"
# shellcheck source=lib/services.sh
source "$SCRIPT_DIR/lib/services.sh"

INFRA=$SCRIPT_DIR/infra.sh
LOGS=$ROOT/.infra/logs
REDIS_PORT=${PERFSUITE_REDIS_PORT:-6380}
PG_PRIMARY_PORT=${PERFSUITE_PG_PRIMARY_PORT:-5433}
PG_REPLICA_PORT=${PERFSUITE_PG_REPLICA_PORT:-5434}
PROM_PORT=${PERFSUITE_PROMETHEUS_PORT:-9090}
PG_PASSWORD=${PERFSUITE_PG_PASSWORD:-perfsuite}
HEALTH_TIMEOUT=${PERFSUITE_HEALTH_TIMEOUT:-90}
LB_ROUTING=$ROOT/.infra/run/lb-routing.yaml
DEMO_PORT=8085
DEMO_POLICIES=$ROOT/.infra/run/policies
JAEGER_OTLP_GRPC_PORT=${PERFSUITE_JAEGER_OTLP_GRPC_PORT:-4317}
JAEGER_OTLP_HTTP_PORT=${PERFSUITE_JAEGER_OTLP_HTTP_PORT:-4318}
JAEGER_UI_PORT=${PERFSUITE_JAEGER_UI_PORT:-16686}
JAEGER_HEALTH_PORT=${PERFSUITE_JAEGER_HEALTH_PORT:-13133}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

BUILD=1
DEMO=1
KEEP_INFRA=0
INFRA_OWNED=0
declare -A SERVICE_PID=()

usage() {
  sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------- checks

check_java() {
  local version major
  if ! command -v "$JAVA" >/dev/null 2>&1; then
    die "java not found. Install a JDK 17 or newer, e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
  fi
  version=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
  major=${version%%.*}
  # Java 8 and older report "1.8.0_x".
  [[ $major == 1 ]] && major=$(cut -d. -f2 <<<"$version")
  if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 17)); then
    die "java ${version:-of unknown version} found ($(command -v "$JAVA")); the suite needs 17 or newer, e.g.: sudo apt-get install -y openjdk-17-jdk-headless (and select it with update-alternatives --config java or JAVA_HOME)"
  fi
}

jar_of() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

check_jars() {
  local svc missing=()
  for svc in "${SUITE_SERVICES[@]}"; do
    [[ -f $(jar_of "$svc") ]] || missing+=("${svc}/target/quarkus-app/quarkus-run.jar")
  done
  if ((${#missing[@]})); then
    printf '  missing: %s\n' "${missing[@]}" >&2
    if ((BUILD)); then
      die "the build did not produce every service jar (is each module's packaging a Quarkus app?)"
    fi
    die "no jars to run with --no-build: run without --no-build (or './mvnw -B package -DskipTests') first"
  fi
}

check_ports_free() {
  local svc port
  for svc in "${SUITE_SERVICES[@]}"; do
    for port in $(service_port "$svc") $(metrics_port "$svc"); do
      port_open "$port" || continue
      ss -ltnp "sport = :$port" 2>/dev/null | tail -n +2 | sed 's/^/    /' >&2 || true
      die "port $port (for $svc) is already in use: is the suite already running?"
    done
  done
}

build() {
  log "building: ./mvnw -B -q package -DskipTests"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "build failed (see the Maven output above)"
}

# ---------------------------------------------------------------- services

# urlencode STRING: percent-encodes everything but RFC 3986 unreserved bytes,
# so any password fits in a postgresql:// URI.
urlencode() {
  local LC_ALL=C s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9._~-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c" && out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

CACHE_KEY=${PERFSUITE_CACHE_KEY:-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
ROUTER_KEY=${PERFSUITE_ROUTER_KEY:-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
MONITOR_KEY=${PERFSUITE_MONITOR_KEY:-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}

# service_env SERVICE: the NAME=VALUE pairs a service needs, one per line.
service_env() {
  local pw
  pw=$(urlencode "$PG_PASSWORD")
  case $1 in
    cache-service)
      echo "QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT"
      # an admin key for the local demo (writes, invalidation); printed in the summary
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__SECRET=$CACHE_KEY"
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__ROLES=admin"
      ;;
    query-router)
      echo "ROUTER_PRIMARY_URI=postgresql://perfsuite:$pw@127.0.0.1:$PG_PRIMARY_PORT/perfsuite"
      echo "ROUTER_REPLICAS=postgresql://perfsuite:$pw@127.0.0.1:$PG_REPLICA_PORT/perfsuite"
      # an admin key for the local demo; printed in the summary
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__SECRET=$ROUTER_KEY"
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__ROLES=admin"
      # result caching through the local cache-service (namespace query-router), with its admin key
      echo "ROUTER_CACHE_ENABLED=true"
      echo "QUARKUS_REST_CLIENT_CACHE_SERVICE_URL=http://127.0.0.1:$(service_port cache-service)"
      echo "ROUTER_CACHE_API_KEY=$CACHE_KEY"
      ;;
    load-balancer)
      # the front door: each API to the service that owns it (write_lb_routing)
      echo "LB_CONFIG_FILE=$LB_ROUTING"
      # every request through the front door starts a trace here (production samples 1 %)
      echo "LB_TRACING_ROOT_RATIO=1"
      echo "LB_BACKENDS=http://127.0.0.1:$(service_port query-router)"
      ;;
    autoscaler)
      echo "AUTOSCALER_PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT"
      # no Kubernetes API here: local mode evaluates these files in Recommend mode (write_demo_policy)
      if ((DEMO)); then echo "AUTOSCALER_LOCAL_POLICIES_DIR=$DEMO_POLICIES"; fi
      ;;
    resource-monitor)
      echo "MONITOR_PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT"
      # the dashboard's scaling decisions and slow queries, and its links to traces
      if ((DEMO)); then
        echo "MONITOR_DASHBOARD_AUTOSCALER_URL=http://127.0.0.1:$(service_port autoscaler)"
        echo "MONITOR_DASHBOARD_AUTOSCALER_POLICIES=demo/demo-shop"
      fi
      echo "MONITOR_DASHBOARD_QUERY_ROUTER_URL=http://127.0.0.1:$(service_port query-router)"
      echo "MONITOR_DASHBOARD_QUERY_ROUTER_API_KEY=$ROUTER_KEY"
      if [[ $(tracing_target) == jaeger ]]; then echo "MONITOR_DASHBOARD_JAEGER_URL=http://127.0.0.1:$JAEGER_UI_PORT"; fi
      # the notification outbox
      echo "QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT"
      # an admin key: the dashboard asks for it before it shows the slow-query log; printed in the summary
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__SECRET=$MONITOR_KEY"
      echo "PERFSUITE_AUTH_API_KEYS__LOCAL__ROLES=admin"
      ;;
  esac
  tracing_env
}

# Where spans go, most specific first: the caller's Quarkus variables (inherited as they are),
# the standard OTEL_ ones, the local Jaeger, else nowhere.
tracing_target() {
  if [[ -n ${QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT:-}${QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-} ]]; then
    echo quarkus
  elif [[ -n ${OTEL_EXPORTER_OTLP_ENDPOINT:-} ]]; then
    echo otel
  elif curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$JAEGER_HEALTH_PORT/status" 2>/dev/null; then
    echo jaeger
  else
    echo none
  fi
}

tracing_env() {
  case $(tracing_target) in
    quarkus) ;;
    otel)
      echo "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=$OTEL_EXPORTER_OTLP_ENDPOINT"
      if [[ -n ${OTEL_EXPORTER_OTLP_PROTOCOL:-} && -z ${QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL:-} ]]; then
        echo "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL=$OTEL_EXPORTER_OTLP_PROTOCOL"
      fi
      ;;
    jaeger)
      # a protocol chosen by the caller picks Jaeger's matching receiver
      if [[ ${QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL:-${OTEL_EXPORTER_OTLP_PROTOCOL:-grpc}} == http* ]]; then
        echo "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT"
      else
        echo "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$JAEGER_OTLP_GRPC_PORT"
      fi
      ;;
    # No collector: without this every service logs export failures.
    none) echo "QUARKUS_OTEL_SDK_DISABLED=true" ;;
  esac
}

# The load-balancer's routing file for the local suite, in its own format (load-balancer/README.md).
write_lb_routing() {
  local demo_pool='' demo_route=''
  if ((DEMO)); then
    demo_pool="  - name: demo-shop
    backends: [http://127.0.0.1:$DEMO_PORT]
    health-check: {path: /health}"
    demo_route="  - {name: shop, match: {path-prefix: /shop/}, pool: demo-shop}"
  fi
  mkdir -p "$(dirname "$LB_ROUTING")"
  cat >"$LB_ROUTING" <<YAML
# written by scripts/run-local.sh: the load-balancer as the suite's front door
pools:
  - name: query-router
    backends: [http://127.0.0.1:$(service_port query-router)]
    health-check: {path: /q/health/ready}
  - name: cache-service
    backends: [http://127.0.0.1:$(service_port cache-service)]
    health-check: {path: /q/health/ready}
$demo_pool
routes:
  - {name: query, match: {path-prefix: /v1/query}, pool: query-router}
  - {name: transaction, match: {path-prefix: /v1/transaction}, pool: query-router}
  - {name: classify, match: {path-prefix: /v1/classify}, pool: query-router}
  - {name: cache, match: {path-prefix: /v1/cache/}, pool: cache-service}
$demo_route
YAML
}

# The demo's ScalingPolicy (scripts/demo/demo-shop-policy.yaml, which e2e-tests' DemoDashboardIT uses too).
write_demo_policy() {
  mkdir -p "$DEMO_POLICIES"
  cp "$ROOT/scripts/demo/demo-shop-policy.yaml" "$DEMO_POLICIES/demo-shop.yaml"
}

# start_demo: the shop (behind the load-balancer, its data through query-router) and its traffic.
# Both run from source (java File.java); they are watched and stopped like the services.
start_demo() {
  local deadline
  port_open "$DEMO_PORT" && die "port $DEMO_PORT (for the demo shop) is already in use (--no-demo leaves it out)"
  : >"$LOGS/demo-shop.log"
  env DEMO_PORT="$DEMO_PORT" DEMO_ROUTER_URL="http://127.0.0.1:$(service_port query-router)" \
    DEMO_ROUTER_KEY="$ROUTER_KEY" "$JAVA" -Xmx128m "$ROOT/scripts/demo/DemoShop.java" \
    >>"$LOGS/demo-shop.log" 2>&1 </dev/null &
  SERVICE_PID[demo-shop]=$!
  log "started demo-shop (pid $!, port $DEMO_PORT, log .infra/logs/demo-shop.log)"
  deadline=$((SECONDS + HEALTH_TIMEOUT))
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$DEMO_PORT/health" 2>/dev/null; do
    if ! pid_alive "${SERVICE_PID[demo-shop]}"; then
      show_log_tail "$LOGS/demo-shop.log"
      die "demo-shop exited during startup (--no-demo leaves it out)"
    fi
    ((SECONDS < deadline)) || die "demo-shop not ready after ${HEALTH_TIMEOUT}s (log: $LOGS/demo-shop.log)"
    sleep 1
  done
  : >"$LOGS/traffic.log"
  env DEMO_URL="http://127.0.0.1:$(service_port load-balancer)" "$JAVA" -Xmx64m "$ROOT/scripts/demo/Traffic.java" \
    >>"$LOGS/traffic.log" 2>&1 </dev/null &
  SERVICE_PID[traffic]=$!
  log "started the demo traffic (pid $!, log .infra/logs/traffic.log): one day every ${DEMO_DAY_MINUTES:-10} min"
}

start_service() {
  local svc=$1 port env_pairs=() java_opts=() listen=()
  port=$(service_port "$svc")
  mapfile -t env_pairs < <(service_env "$svc")
  read -r -a java_opts <<<"${PERFSUITE_JAVA_OPTS:-}"
  if [[ $svc == load-balancer ]]; then
    # clients reach its own proxy server; health, metrics and admin are on the management port
    listen=(-Dlb.proxy.port="$port" -Dquarkus.management.port="$(metrics_port "$svc")"
      -Dquarkus.management.host=127.0.0.1)
  else
    listen=(-Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1)
  fi
  : >"$LOGS/$svc.log"
  env "${env_pairs[@]}" "$JAVA" "${java_opts[@]}" "${listen[@]}" \
    -jar "$(jar_of "$svc")" >>"$LOGS/$svc.log" 2>&1 </dev/null &
  SERVICE_PID[$svc]=$!
  log "started $svc (pid $!, port $port, log .infra/logs/$svc.log)"
}

ready() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready") == 200 ]]
}

# Waits for every service at once, so slow starters overlap.
wait_ready() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) pending=("${SUITE_SERVICES[@]}") still svc
  log "waiting up to ${HEALTH_TIMEOUT}s for /q/health/ready of every service"
  while ((${#pending[@]})); do
    still=()
    for svc in "${pending[@]}"; do
      if ! pid_alive "${SERVICE_PID[$svc]}"; then
        show_log_tail "$LOGS/$svc.log"
        die "$svc exited during startup"
      elif ready "$(metrics_port "$svc")"; then
        log "$svc ready"
      else
        still+=("$svc")
      fi
    done
    pending=("${still[@]}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for svc in "${pending[@]}"; do show_log_tail "$LOGS/$svc.log" 20; done
      die "not ready after ${HEALTH_TIMEOUT}s: ${pending[*]}"
    fi
    sleep 1
  done
}

stop_services() {
  local svc pid deadline
  ((${#SERVICE_PID[@]})) || return 0
  log "stopping services"
  for pid in "${SERVICE_PID[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + 20))
  for svc in "${!SERVICE_PID[@]}"; do
    pid=${SERVICE_PID[$svc]}
    while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if pid_alive "$pid"; then
      warn "$svc did not stop within 20s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  SERVICE_PID=()
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_services
  if ((INFRA_OWNED)); then
    if ((KEEP_INFRA)); then
      log "infrastructure left running (--keep-infra); stop it with: scripts/infra.sh down"
    else
      "$INFRA" down || warn "scripts/infra.sh down failed"
    fi
  fi
  exit "$rc"
}

# Debian's prometheus package has only the classic UI, under /classic/; upstream serves /targets.
prometheus_targets_url() {
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PROM_PORT/targets" 2>/dev/null; then
    echo "http://127.0.0.1:$PROM_PORT/targets"
  else
    echo "http://127.0.0.1:$PROM_PORT/classic/targets"
  fi
}

# A Jaeger built from the Go module (scripts/lib/jaeger.sh) embeds a placeholder page, not the UI's assets.
jaeger_has_ui() {
  local page
  page=$(curl -fsS --max-time 2 "http://127.0.0.1:$JAEGER_UI_PORT/" 2>/dev/null) || return 1
  [[ $page != *"not the Jaeger UI you are looking for"* ]]
}

print_summary() {
  local svc port fmt='%-17s %-23s %-40s %s\n'
  echo
  # shellcheck disable=SC2059 # the format is ours
  printf "$fmt" SERVICE URL HEALTH METRICS
  for svc in "${SUITE_SERVICES[@]}"; do
    port=$(service_port "$svc")
    # shellcheck disable=SC2059
    printf "$fmt" "$svc" "http://127.0.0.1:$port" "http://127.0.0.1:$(metrics_port "$svc")/q/health/ready" \
      "http://127.0.0.1:$(metrics_port "$svc")/q/metrics"
  done
  echo
  echo "Front door:           http://127.0.0.1:$(service_port load-balancer): /v1/query, /v1/transaction, /v1/classify to query-router, /v1/cache/ to cache-service ($LB_ROUTING)"
  echo "Prometheus targets:   $(prometheus_targets_url)"
  echo "Redis:                redis://127.0.0.1:$REDIS_PORT"
  echo "PostgreSQL:           primary 127.0.0.1:$PG_PRIMARY_PORT, replica 127.0.0.1:$PG_REPLICA_PORT (db/user perfsuite)"
  case $(tracing_target) in
    quarkus) echo "Tracing:              exporting OTLP to ${QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT:-$QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}" ;;
    otel) echo "Tracing:              exporting OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT" ;;
    jaeger)
      if jaeger_has_ui; then
        echo "Traces (Jaeger UI):   http://127.0.0.1:$JAEGER_UI_PORT (query API: http://127.0.0.1:$JAEGER_UI_PORT/api/traces?service=load-balancer)"
      else
        echo "Traces (Jaeger API):  http://127.0.0.1:$JAEGER_UI_PORT/api/traces?service=load-balancer&limit=5 (this Jaeger has no UI: built from the Go module alone, its page is a placeholder)"
      fi
      ;;
    none) echo "Tracing:              off (no Jaeger up: PERFSUITE_JAEGER=0 or no Go toolchain; set OTEL_EXPORTER_OTLP_ENDPOINT to export)" ;;
  esac
  echo "Cache admin key:      $CACHE_KEY (PERFSUITE_CACHE_KEY sets it)"
  echo "Router admin key:     $ROUTER_KEY (PERFSUITE_ROUTER_KEY sets it)"
  echo "Monitor admin key:    $MONITOR_KEY (PERFSUITE_MONITOR_KEY sets it; the dashboard's API key field opens the slow-query log with it)"
  # through the front door: the load-balancer's span is the root of each request's trace
  echo "  try: curl -H 'Authorization: Bearer $ROUTER_KEY' -H 'Content-Type: application/json' -d '{\"sql\":\"SELECT now()\"}' http://127.0.0.1:$(service_port load-balancer)/v1/query"
  echo "  try: curl -X PUT -H 'Authorization: Bearer $CACHE_KEY' -d hello http://127.0.0.1:$(service_port load-balancer)/v1/cache/default/greeting"
  if ((DEMO)); then
    echo "Demo shop:            http://127.0.0.1:$(service_port load-balancer)/shop/products/7 (GET; POST /shop/orders?product=7 orders one), traffic in $LOGS/traffic.log"
    echo "Dashboard:            http://127.0.0.1:$(service_port resource-monitor)/ (requests, latency, cache hits, replica lag, the demo-shop policy's recommendations)"
    echo "Scaling (Recommend):  curl http://127.0.0.1:$(service_port autoscaler)/v1/policies/demo/demo-shop/decisions"
  fi
  echo "Logs:                 $LOGS/<service>.log"
  if ((INFRA_OWNED && !KEEP_INFRA)); then
    echo "Ctrl-C stops the services and the infrastructure."
  else
    echo "Ctrl-C stops the services; the infrastructure stays up (scripts/infra.sh down)."
  fi
  echo
}

# Returns when a service dies (non-zero) or never, until a signal arrives.
watch_services() {
  local svc
  while true; do
    # Background sleep + wait: the INT/TERM trap runs at once, not after it.
    sleep 2 &
    wait $! || true
    for svc in "${!SERVICE_PID[@]}"; do
      if ! pid_alive "${SERVICE_PID[$svc]}"; then
        show_log_tail "$LOGS/$svc.log"
        unset "SERVICE_PID[$svc]"
        die "$svc exited unexpectedly"
      fi
    done
  done
}

main() {
  local arg svc
  for arg in "$@"; do
    case $arg in
      --no-build) BUILD=0 ;;
      --keep-infra) KEEP_INFRA=1 ;;
      --no-demo) DEMO=0 ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        usage >&2
        exit 2
        ;;
    esac
  done

  check_java
  ((BUILD)) && build
  check_jars
  check_ports_free

  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if "$INFRA" status >/dev/null 2>&1; then
    log "infrastructure already running: it will be left up on exit"
  else
    INFRA_OWNED=1
    "$INFRA" up
  fi
  mkdir -p "$LOGS"

  write_lb_routing
  if ((DEMO)); then write_demo_policy; fi
  for svc in "${SUITE_SERVICES[@]}"; do
    start_service "$svc"
  done
  wait_ready
  if ((DEMO)); then start_demo; fi
  print_summary
  watch_services
}

main "$@"
