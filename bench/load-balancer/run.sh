#!/usr/bin/env bash
# load-balancer side-by-side benchmark. See README.md beside this file.
#
#   bench/load-balancer/run.sh [--build] [--duration S] [--warmup S] [--rounds N] [--timeout S]
#
# Two nginx backends answering "ok" on loopback ports; in front of them, in the same run:
# HAProxy (roundrobin, nbthread 1), nginx (1 worker, upstream keepalive) and the
# load-balancer twice (1 event loop, and its default event-loop count). wrk -t1 -c32
# --latency against each, rounds interleaved (A B C D, then D C B A ...), medians.
# Second scenario: the second backend replaced by one that answers 20 ms late
# (SlowBackend.java); p99 of the load-balancer's P2C-EWMA against HAProxy roundrobin
# and leastconn.
#
# Ends with machine-readable lines:
#   RATIO <metric> <ours / peer, higher is better>
#   RESULT <metric> <value> <unit>
# Exit status: 0 when every part measured, 1 when any part failed, 2 on bad usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
source "$HERE/../lib/common.sh"
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${LB_BENCH_JAR:-$ROOT/load-balancer/target/quarkus-app/quarkus-run.jar}

BUILD=0
DURATION=10
WARMUP=5
ROUNDS=3
TIMEOUT=
SLOW_MS=20

usage() { bench_usage 2 18; }

BENCH_OPTIONS="--duration --warmup --rounds --timeout"
while (($#)); do bench_option "$@"; shift "$BENCH_SHIFT"; done
check_range --duration "$DURATION" 1 300 --warmup "$WARMUP" 0 60 --rounds "$ROUNDS" 1 10

log() { echo "[bench/load-balancer] $*" >&2; }
FAILURES=()
# every failure shows the logs' tails
bench_init load-balancer 0
if [[ -n $TIMEOUT ]]; then bench_watchdog "$TIMEOUT"; fi

need_tools wrk haproxy nginx || exit 1
command -v java >/dev/null || { log "missing java"; exit 1; }
if ((BUILD)) || [[ ! -f $JAR ]]; then
  log "building load-balancer"
  (cd "$ROOT" && timeout 900 ./mvnw -B -ntp -q -pl load-balancer package -DskipTests) >"$WORK/build.log" 2>&1 ||
    { log "build failed"; tail -n 20 "$WORK/build.log" >&2; exit 1; }
fi

wait_http() { # wait_http URL: up to 60 s for any HTTP answer
  local i
  for ((i = 0; i < 300; i++)); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.2
  done
  log "no answer from $1"
  return 1
}

free_port B1; free_port B2; free_port BSLOW
free_port HAP; free_port NGX; free_port LB1; free_port LBD
free_port M1; free_port MD

# --- backends: one nginx, two server blocks answering "ok" (keep-alive, no logging) --------------
mkdir -p "$WORK/nginx-backends" "$WORK/nginx-proxy"
cat >"$WORK/nginx-backends/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx-backends/nginx.pid;
error_log $WORK/nginx-backends.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx-backends;
  server { listen 127.0.0.1:$B1; location / { return 200 "ok"; } }
  server { listen 127.0.0.1:$B2; location / { return 200 "ok"; } }
}
CONF
nginx -c "$WORK/nginx-backends/nginx.conf" -p "$WORK/nginx-backends" >"$WORK/nginx-backends.out.log" 2>&1 &
PIDS+=($!)
java "$HERE/SlowBackend.java" "$BSLOW" "$SLOW_MS" >"$WORK/slow-backend.log" 2>&1 &
PIDS+=($!)

haproxy_cfg() { # haproxy_cfg FILE BALANCE SECOND_BACKEND_PORT
  cat >"$1" <<CONF
global
  nbthread 1
  maxconn 4000
defaults
  mode http
  option http-keep-alive
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend fe
  bind 127.0.0.1:$HAP
  default_backend be
backend be
  balance $2
  http-reuse always
  server b1 127.0.0.1:$B1
  server b2 127.0.0.1:$3
CONF
}

nginx_proxy_cfg() { # nginx_proxy_cfg SECOND_BACKEND_PORT
  cat >"$WORK/nginx-proxy/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx-proxy/nginx.pid;
error_log $WORK/nginx-proxy.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx-proxy;
  proxy_temp_path $WORK/nginx-proxy;
  upstream be { server 127.0.0.1:$B1; server 127.0.0.1:$1; keepalive 64; }
  server {
    listen 127.0.0.1:$NGX;
    location / { proxy_pass http://be; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
}

start_haproxy() { # start_haproxy BALANCE SECOND_PORT -> HAP_PID
  haproxy_cfg "$WORK/haproxy.cfg" "$1" "$2"
  haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
  HAP_PID=$!
  PIDS+=("$HAP_PID")
  wait_http "http://127.0.0.1:$HAP/"
}

start_lb() { # start_lb PORT MGMT_PORT EVENT_LOOPS(empty = default) SECOND_PORT -> LB_PID
  local loops=()
  [[ -n $3 ]] && loops=(LB_PROXY_EVENT_LOOPS="$3")
  # shellcheck disable=SC2086 # word splitting of the JVM options is intended
  env LB_BACKENDS="http://127.0.0.1:$B1,http://127.0.0.1:$4" LB_PROXY_PORT="$1" LB_PROXY_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$2" QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_OTEL_SDK_DISABLED=true \
    LB_HEALTH_CHECK_PATH=/ "${loops[@]}" \
    java $CONTAINER_JVM_OPTS -jar "$JAR" >"$WORK/lb-$1.log" 2>&1 &
  LB_PID=$!
  PIDS+=("$LB_PID")
  wait_http "http://127.0.0.1:$2/q/health/ready"
}

# run_wrk NAME PORT -> appends "rps p50 p99" to $WORK/NAME.results
run_wrk() {
  local out rps p50 p99
  out=$(timeout $((DURATION + 30)) wrk -t1 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$2/" 2>&1) ||
    { log "wrk against $1 failed: $out"; return 1; }
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    log "$1: $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
  fi
  echo "$rps $p50 $p99" >>"$WORK/$1.results"
  log "$(printf '%-22s %10s req/s  p50 %7s ms  p99 %7s ms' "$1" "$rps" "$p50" "$p99")"
}

warm() { # warm PORT
  ((WARMUP > 0)) && timeout $((WARMUP + 20)) wrk -t1 -c32 -d"${WARMUP}s" "http://127.0.0.1:$1/" >/dev/null 2>&1 || true
}

col_median() { # col_median NAME COLUMN
  median $(awk -v c="$2" '{ print $c }' "$WORK/$1.results")
}

LOAD_BEFORE=$(load_avg)
log "machine: $(nproc) cores, load before: $LOAD_BEFORE"

# --- scenario 1: equal backends -----------------------------------------------------------------
nginx_proxy_cfg "$B2"
nginx -c "$WORK/nginx-proxy/nginx.conf" -p "$WORK/nginx-proxy" >"$WORK/nginx-proxy.out.log" 2>&1 &
NGX_PID=$!
PIDS+=("$NGX_PID")
start_haproxy roundrobin "$B2"
start_lb "$LB1" "$M1" 1 "$B2"
LB1_PID=$LB_PID
start_lb "$LBD" "$MD" "" "$B2"
LBD_PID=$LB_PID
wait_http "http://127.0.0.1:$NGX/"

NAMES=(haproxy nginx lb-1-loop lb-default)
PORTS=("$HAP" "$NGX" "$LB1" "$LBD")
for i in 0 1 2 3; do warm "${PORTS[i]}"; done
for ((r = 1; r <= ROUNDS; r++)); do
  order=(0 1 2 3)
  ((r % 2 == 0)) && order=(3 2 1 0)
  for i in "${order[@]}"; do run_wrk "${NAMES[i]}" "${PORTS[i]}" || fail_part "equal-${NAMES[i]}"; done
done
stop_pid "$NGX_PID"; stop_pid "$HAP_PID"; stop_pid "$LB1_PID"; stop_pid "$LBD_PID"

# --- scenario 2: one backend 20 ms slow --------------------------------------------------------
start_lb "$LBD" "$MD" "" "$BSLOW"
start_haproxy roundrobin "$BSLOW"
RR_PID=$HAP_PID
NAMES2=(slow-haproxy-rr slow-haproxy-leastconn slow-lb-p2c-ewma)
warm "$LBD"; warm "$HAP"
for ((r = 1; r <= ROUNDS; r++)); do
  # haproxy is restarted to switch its balance; the load-balancer keeps running
  if ((r % 2)); then
    run_wrk slow-lb-p2c-ewma "$LBD" || fail_part slow-lb
    run_wrk slow-haproxy-rr "$HAP" || fail_part slow-haproxy-rr
    stop_pid "$RR_PID"; start_haproxy leastconn "$BSLOW"; warm "$HAP"
    run_wrk slow-haproxy-leastconn "$HAP" || fail_part slow-haproxy-leastconn
    stop_pid "$HAP_PID"; start_haproxy roundrobin "$BSLOW"; RR_PID=$HAP_PID
  else
    stop_pid "$RR_PID"; start_haproxy leastconn "$BSLOW"; warm "$HAP"
    run_wrk slow-haproxy-leastconn "$HAP" || fail_part slow-haproxy-leastconn
    stop_pid "$HAP_PID"; start_haproxy roundrobin "$BSLOW"; RR_PID=$HAP_PID; warm "$HAP"
    run_wrk slow-haproxy-rr "$HAP" || fail_part slow-haproxy-rr
    run_wrk slow-lb-p2c-ewma "$LBD" || fail_part slow-lb
  fi
done
LOAD_AFTER=$(load_avg)

# --- report -------------------------------------------------------------------------------------
echo
echo "load-balancer bench: wrk -t1 -c32 -d${DURATION}s --latency, ${ROUNDS} interleaved rounds, medians"
echo "machine: $(nproc) cores; load before: $LOAD_BEFORE; after: $LOAD_AFTER"
printf '%-24s %12s %10s %10s\n' target "req/s" "p50 ms" "p99 ms"
for n in "${NAMES[@]}" "${NAMES2[@]}"; do
  [[ -s $WORK/$n.results ]] || continue
  printf '%-24s %12s %10s %10s\n' "$n" "$(col_median "$n" 1)" "$(col_median "$n" 2)" "$(col_median "$n" 3)"
done
echo

emit() { # emit NAME: RESULT lines
  [[ -s $WORK/$1.results ]] || return 0
  echo "RESULT ${1//-/_}_rps $(col_median "$1" 1) req/s"
  echo "RESULT ${1//-/_}_p50 $(col_median "$1" 2) ms"
  echo "RESULT ${1//-/_}_p99 $(col_median "$1" 3) ms"
}
for n in "${NAMES[@]}" "${NAMES2[@]}"; do emit "$n"; done
ratio() { # ratio METRIC OURS PEER COLUMN (rps: ours/peer; latency: peer/ours)
  [[ -s $WORK/$2.results && -s $WORK/$3.results ]] || return 0
  local a b
  a=$(col_median "$2" "$4"); b=$(col_median "$3" "$4")
  if (($4 == 1)); then echo "RATIO $1 $(div "$a" "$b")"; else echo "RATIO $1 $(div "$b" "$a")"; fi
}
ratio rps_1loop_vs_haproxy lb-1-loop haproxy 1
ratio p99_1loop_vs_haproxy lb-1-loop haproxy 3
ratio rps_1loop_vs_nginx lb-1-loop nginx 1
ratio rps_default_vs_haproxy lb-default haproxy 1
ratio p99_default_vs_haproxy lb-default haproxy 3
ratio slow_p99_vs_haproxy_roundrobin slow-lb-p2c-ewma slow-haproxy-rr 3
ratio slow_p99_vs_haproxy_leastconn slow-lb-p2c-ewma slow-haproxy-leastconn 3

if ((${#FAILURES[@]})); then
  log "failed parts: ${FAILURES[*]}"
  exit 1
fi
