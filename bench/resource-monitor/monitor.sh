# shellcheck shell=bash
# The packaged resource-monitor as both benchmarks here run it (run.sh --http, overhead.sh).
# Sourced after ../lib/common.sh; expects ROOT, WORK and PIDS (bench_init).

MONITOR_JAR=$ROOT/resource-monitor/target/quarkus-app/quarkus-run.jar

# start_monitor NAME HTTP_PORT REDIS_PORT [NAME=VALUE...]: the jar with the image's JVM options, its
# outbox on the given redis-server, no Prometheus and no tracing, the extra environment on top; log
# $WORK/NAME.log, pid in MONITOR_PID (and PIDS). Waits up to 120 s for /q/health/live.
start_monitor() {
  local name=$1 http_port=$2 redis_port=$3
  shift 3
  # env execs java: MONITOR_PID is the JVM's own pid (overhead.sh reads its /proc/<pid>/stat)
  # shellcheck disable=SC2086 # CONTAINER_JVM_OPTS is a list of flags
  env QUARKUS_HTTP_PORT="$http_port" QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" \
    MONITOR_PROMETHEUS_URL=http://127.0.0.1:1 QUARKUS_OTEL_SDK_DISABLED=true "$@" \
    java $CONTAINER_JVM_OPTS -jar "$MONITOR_JAR" >"$WORK/$name.log" 2>&1 &
  MONITOR_PID=$!
  PIDS+=("$MONITOR_PID")
  if ! wait_http_ok 120 "http://127.0.0.1:$http_port/q/health/live"; then
    log "$name: service did not start"
    tail -n 20 "$WORK/$name.log" >&2
    return 1
  fi
}
