#!/usr/bin/env bash
# resource-monitor benchmark: anomaly detection scored the NAB way. See README.md beside this file.
#
#   bench/resource-monitor/run.sh [--build] [--no-grid] [--http] [--nab DIR] [--timeout S]
#
# 1. NAB scores (standard, reward_low_FP_rate, reward_low_FN_rate) overall and per category for
#    the null, perfect, random, windowed-Gaussian, seasonal-baseline and contextual detectors,
#    every one through the same scorer (NabBench.java, NAB's rules).
# 2. Leave one category out: the detector's settings chosen on the other categories over a
#    small grid, then scored on the one left out (skip with --no-grid).
# 3. Detection throughput of the contextual detector (points/s, one thread, warmed up).
# 4. With --http: the packaged service (resource-monitor/target/quarkus-app, with a
#    redis-server for its outbox and no Prometheus) answering POST /v1/anomalies/detect with
#    a 22,000-point series, 10 times after 5 warm-up calls (curl time_total).
#
# Needs the module's compiled classes (built when missing or with --build) and the NAB data
# (default ../shared/data/nab beside the checkout). Ends with RESULT lines.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/common.sh
log() { printf '[bench resource-monitor] %s\n' "$*" >&2; }
source "$HERE/../lib/common.sh"

BUILD=0
HTTP=0
GRID=--grid
NAB=$ROOT/../shared/data/nab
TIMEOUT=900
usage() { bench_usage 2 15; }

BENCH_OPTIONS="--nab --timeout"
while (($#)); do
  case $1 in
    --no-grid) GRID=; shift ;;
    --http) HTTP=1; shift ;;
    *) bench_option "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
check_range --timeout "$TIMEOUT" 10 3600
[[ -r $NAB/labels/combined_windows.json ]] || { log "NAB data not found under $NAB (labels/combined_windows.json)"; exit 1; }

CLASSES=$ROOT/resource-monitor/target/classes
if ((BUILD)) || [[ ! -r $CLASSES/io/perfsuite/monitor/anomaly/detection/ContextNoveltyDetector.class ]]; then
  log "compiling resource-monitor"
  (cd "$ROOT" && timeout 600 ./mvnw -B -ntp -q -o -pl resource-monitor compile) >&2 || { log "build failed"; exit 1; }
fi

bench_init resource-monitor
# shellcheck source=monitor.sh
source "$HERE/monitor.sh"

log "load before: $(uptime)"
rc=0
timeout "$TIMEOUT" java -cp "$CLASSES" "$HERE/NabBench.java" "$NAB" $GRID || rc=$?

http_part() {
  local redis_port http_port i t
  [[ -r $MONITOR_JAR ]] || { log "http: $MONITOR_JAR missing (./mvnw -pl resource-monitor package)"; return 1; }
  need_tool redis-server redis-server || return 1
  start_redis redis_port && free_port http_port || return 1
  start_monitor service "$http_port" "$redis_port" || return 1
  awk 'BEGIN { srand(1); printf "{\"sensitivity\":0.5,\"series\":[";
    for (i = 0; i < 22000; i++) { printf "%s{\"timestamp\":%d,\"value\":%.3f}", (i ? "," : ""), 1700000000 + 300 * i,
      50 + 20 * sin(6.2831853 * i / 288) + rand() }
    printf "]}" }' >"$WORK/series.json"
  for ((i = 0; i < 15; i++)); do
    t=$(curl -fs -o "$WORK/answer.json" -w '%{time_total}' -H 'Content-Type: application/json' \
      --data-binary @"$WORK/series.json" "http://127.0.0.1:$http_port/v1/anomalies/detect") || { log "http: request failed"; return 1; }
    ((i >= 5)) && echo "$t" >>"$WORK/times"
  done
  grep -q '"points"' "$WORK/answer.json" || { log "http: unexpected answer"; return 1; }
  sort -n "$WORK/times" | awk '{ a[NR] = $1 } END { m = a[int((NR + 1) / 2)];
    printf "\nPOST /v1/anomalies/detect, 22,000 points (%d bytes): median %.3f s, min %.3f s, max %.3f s over %d calls\n", 0, m, a[1], a[NR], NR
    printf "RESULT detect_http_22000_median %.4f s\n", m }' | sed "s/(0 bytes)/($(wc -c <"$WORK/series.json") bytes)/"
}
if ((HTTP)); then
  http_part || rc=1
fi
log "load after: $(uptime)"
exit $rc
