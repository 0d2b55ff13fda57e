#!/usr/bin/env bash
# cache-service side-by-side benchmark. See README.md beside this file.
#
#   bench/cache-service/run.sh [--build] [--duration S] [--warmup S] [--rounds N]
#                              [--only throughput|hitratio|stampede] [--timeout S]
#
# 1. throughput: one redis-server (no persistence) behind both webdis and
#    cache-service; wrk -t1 -c32 GET of one ~100-byte key: webdis, our L1 hit,
#    our L2 path (X-Cache-Bypass: l1). Rounds interleave the three (ABC, CBA...).
# 2. hitratio: the ARC OLTP trace replayed through Caffeine (our L1's policy)
#    and a plain LRU at 1000 and 2000 entries.
# 3. stampede: 200 concurrent readers of one expired read-through key, origin
#    loads per expiry, against a cache-aside client over webdis; and coherence:
#    two replicas on one Redis, time from a PUT acknowledged on one until the
#    other stops serving the old value from its L1.
#
# Ends with machine-readable lines:
#   RATIO <metric> <ours / peer, higher is better>
#   RESULT <metric> <value> <unit>
# Exit status: 0 when every selected part measured, 1 when any part failed
# (the parts that worked still print their lines), 2 on bad usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
source "$HERE/../lib/common.sh"
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$ROOT/../shared/data
TRACE=$DATA/cache-traces/arc-OLTP.lis.zst
JAR=$ROOT/cache-service/target/quarkus-app/quarkus-run.jar
CAFFEINE_VERSION=3.2.3
CAFFEINE_JAR=$HOME/.m2/repository/com/github/ben-manes/caffeine/caffeine/$CAFFEINE_VERSION/caffeine-$CAFFEINE_VERSION.jar

BUILD=0
DURATION=10
WARMUP=10
ROUNDS=3
ONLY=all
TIMEOUT=
# Extra JVM flags for cache-service, e.g. "-Xmx256m" (word-split on purpose).
CACHE_BENCH_JAVA_OPTS=${CACHE_BENCH_JAVA_OPTS:-}
# The JVM of cache-service's image (cache-service/src/main/docker/Dockerfile.jvm): Temurin 25 with
# ParallelGC on one GC thread, the heap fixed at half the chart's 768Mi memory limit (the image's
# Initial/MaxRAMPercentage=50), its JBoss log manager; one event loop as the chart sizes them to its 1-CPU limit (below).
# CACHE_BENCH_JAVA names another java (25 or newer) when Temurin 25 is not in /usr/lib/jvm;
# CACHE_BENCH_JVM_OPTS replaces the options, to compare another collector.
CACHE_JVM_OPTS=${CACHE_BENCH_JVM_OPTS:-"-XX:+UseParallelGC -XX:ParallelGCThreads=1 -Xms384m -Xmx384m -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"}
CACHE_JAVA=${CACHE_BENCH_JAVA:-}
# Event loops of cache-service: one, like webdis' single thread, so both sides get
# the same parallelism on a machine the load generator and Redis share.
CACHE_BENCH_EVENT_LOOPS=${CACHE_BENCH_EVENT_LOOPS:-1}

usage() { bench_usage 2 18; }

BENCH_OPTIONS="--duration --warmup --rounds --only --timeout"
while (($#)); do bench_option "$@"; shift "$BENCH_SHIFT"; done
check_range --duration "$DURATION" 1 300 --warmup "$WARMUP" 0 60 --rounds "$ROUNDS" 1 10
case $ONLY in all | throughput | hitratio | stampede) ;; *) echo "--only must be throughput, hitratio or stampede" >&2; exit 2 ;; esac
# Default bound: generous headroom over the expected run (about 150 s at
# defaults), plus 15 min when the jar has to be built.
if [[ -z $TIMEOUT ]]; then
  TIMEOUT=$((120 + 3 * WARMUP + ROUNDS * 3 * (DURATION + 5) + 120 + 180))
  if [[ $ONLY != hitratio ]] && { ((BUILD)) || [[ ! -r $JAR ]]; }; then
    TIMEOUT=$((TIMEOUT + 900))
  fi
fi
check_range --timeout "$TIMEOUT" 10 3600

log() { printf '[bench cache-service] %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# Cleanup: everything we start is recorded here and stopped on EXIT.
# ---------------------------------------------------------------------------
bench_init cache-service

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

wait_for() { # wait_for SECONDS PID DESCRIPTION COMMAND...: poll until COMMAND succeeds
  local secs=$1 pid=$2 what=$3 deadline
  shift 3
  deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$what: the process exited before it was ready"
      return 1
    fi
    sleep 0.25
  done
  log "$what: not ready within ${secs}s"
  return 1
}

http_code() { # http_code URL [curl args...]: prints the status code (000 when unreachable)
  local url=$1
  shift
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" "$url" || true
}

# run_wrk LABEL DURATION URL [wrk args...]: runs wrk, saves its output as
# $WORK/wrk-LABEL.out, sets WRK_RPS, WRK_P50, WRK_P99 (ms), WRK_BAD (non-2xx + socket errors).
run_wrk() {
  local label=$1 secs=$2 url=$3 out line
  shift 3
  out=$WORK/wrk-$label.out
  WRK_RPS='' WRK_P50='' WRK_P99='' WRK_BAD=0
  if ! timeout $((secs + 30)) wrk -t1 -c32 -d"${secs}s" --latency "$@" "$url" >"$out" 2>&1; then
    log "wrk $label failed: $(tail -n 3 "$out")"
    return 1
  fi
  WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  line=$(awk '$1 == "50%" { print $2 }' "$out") && [[ -n $line ]] && WRK_P50=$(to_ms "$line")
  line=$(awk '$1 == "99%" { print $2 }' "$out") && [[ -n $line ]] && WRK_P99=$(to_ms "$line")
  WRK_BAD=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
    /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  if [[ -z $WRK_RPS || -z $WRK_P50 || -z $WRK_P99 ]]; then
    log "could not parse wrk output for $label:"
    cat "$out" >&2
    return 1
  fi
}



FAILURES=()


RESULTS=() # "RESULT ..." and "RATIO ..." lines, printed together at the end

# ---------------------------------------------------------------------------
# Part 2: hit ratio on the ARC OLTP trace
# ---------------------------------------------------------------------------
hitratio() {
  log "hit ratio: ARC OLTP trace through Caffeine $CAFFEINE_VERSION and LRU"
  if [[ ! -r $TRACE ]]; then
    fail_part "hitratio: trace not found at $TRACE"
    return 0
  fi
  need_tool zstd || { fail_part "hitratio: zstd missing"; return 0; }
  if [[ ! -r $CAFFEINE_JAR ]]; then
    log "fetching Caffeine $CAFFEINE_VERSION with Maven"
    (cd "$ROOT" && timeout 300 ./mvnw -q -B dependency:get \
      -Dartifact="com.github.ben-manes.caffeine:caffeine:$CAFFEINE_VERSION") >"$WORK/mvn-caffeine.log" 2>&1 ||
      { fail_part "hitratio: could not fetch Caffeine (see mvn output above)"; tail -n 5 "$WORK/mvn-caffeine.log" >&2; return 0; }
  fi
  local out=$WORK/hitratio.out
  # Caffeine's runtime needs no other jar: jspecify and errorprone are annotations only.
  if ! zstd -dc "$TRACE" | timeout 180 java -cp "$CAFFEINE_JAR" "$HERE/TraceReplay.java" --trials 30 - 1000 2000 >"$out" 2>"$WORK/hitratio.err"; then
    cat "$WORK/hitratio.err" >&2
    fail_part "hitratio: TraceReplay failed"
    return 0
  fi
  local cap caf cmed cmin cmax lru accesses
  printf '\n%-24s %8s  %-36s %8s %7s\n' "OLTP hit ratio" capacity "Caffeine (W-TinyLFU)" LRU ratio
  for cap in 1000 2000; do
    lru=
    read -r accesses caf cmed cmin cmax lru < <(awk -v c="$cap" '$1 == "HITRATIO" {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        if (f["capacity"] == c) print f["accesses"], f["caffeine"], f["caffeine_median"], f["caffeine_min"], f["caffeine_max"], f["lru"] }' "$out") || true
    if [[ -z $lru ]]; then
      fail_part "hitratio: no result for capacity $cap"
      continue
    fi
    printf '%-24s %8s  %-36s %7s%% %7s\n' "arc-OLTP ($accesses acc.)" "$cap" \
      "$caf% (median $cmed%, $cmin-$cmax)" "$lru" "$(div "$caf" "$lru")"
    RESULTS+=("RESULT oltp_hit_ratio_$cap $caf percent")
    RESULTS+=("RESULT oltp_hit_ratio_median_$cap $cmed percent")
    RESULTS+=("RESULT oltp_lru_hit_ratio_$cap $lru percent")
    RESULTS+=("RATIO oltp_hit_ratio_vs_lru_$cap $(div "$caf" "$lru")")
  done
  echo "(Caffeine: mean of 30 trials, median and range in brackets; LRU is deterministic)"
}

# ---------------------------------------------------------------------------
# Part 1: throughput, webdis vs cache-service over the same Redis
# ---------------------------------------------------------------------------
REDIS_PORT='' WEBDIS_PORT='' CS_PORT=''
VALUE=$(printf 'bench-value-%088d' 0) # 100 bytes, same for both sides
CS_KEY=bench-hot                      # cache-service key (namespace "default")
SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

start_redis() {
  free_port REDIS_PORT || return 1
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --daemonize no \
    --save '' --appendonly no --dir "$WORK" --logfile "$WORK/redis.log" &
  PIDS+=("$!")
  wait_for 15 "$!" "redis-server on $REDIS_PORT" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping || return 1
  log "redis-server up on 127.0.0.1:$REDIS_PORT (pid $!)"
}

start_webdis() {
  free_port WEBDIS_PORT || return 1
  # verbosity 1: warnings only, so per-request logging does not slow the peer down
  cat >"$WORK/webdis.json" <<EOF
{
  "redis_host": "127.0.0.1",
  "redis_port": $REDIS_PORT,
  "redis_auth": null,
  "http_host": "127.0.0.1",
  "http_port": $WEBDIS_PORT,
  "threads": 2,
  "pool_size": 20,
  "daemonize": false,
  "database": 0,
  "verbosity": 1,
  "logfile": "$WORK/webdis.log"
}
EOF
  webdis "$WORK/webdis.json" >"$WORK/webdis.stdout.log" 2>&1 &
  PIDS+=("$!")
  wait_for 15 "$!" "webdis on $WEBDIS_PORT" curl -sf -m 2 -o /dev/null "http://127.0.0.1:$WEBDIS_PORT/PING" || return 1
  log "webdis up on 127.0.0.1:$WEBDIS_PORT (pid $!)"
}

build_cache_service() {
  log "building cache-service (./mvnw -B -q -pl cache-service -am package -DskipTests)"
  if ! (cd "$ROOT" && timeout 900 ./mvnw -B -q -pl cache-service -am package -DskipTests) >"$WORK/build.out" 2>&1; then
    tail -n 30 "$WORK/build.out" >&2
    return 1
  fi
}

start_cache_service() { start_replica cache-service CS_PORT; }

# find_cache_java: sets CACHE_JAVA to a java of release 25 or newer, the image's JDK
find_cache_java() {
  local candidate release
  for candidate in "$CACHE_JAVA" /usr/lib/jvm/temurin-25*/bin/java "$(command -v java || true)"; do
    [[ -n $candidate && -x $candidate ]] || continue
    release=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
    if [[ $release =~ ^[0-9]+$ ]] && ((release >= 25)); then
      CACHE_JAVA=$candidate
      return 0
    fi
  done
  log "no java 25 or newer for cache-service (its image runs Temurin 25); set CACHE_BENCH_JAVA"
  return 1
}

# The replicas trace every request, as deployed, and export over OTLP/HTTP to an nginx that
# accepts and drops the batches: the export is paid for, and no exporter retries a dead
# endpoint (which would cost more than a collector does).
TRACE_SINK_PORT='' TRACE_SINK_PID=''
ensure_trace_sink() {
  if [[ -n $TRACE_SINK_PID ]] && kill -0 "$TRACE_SINK_PID" 2>/dev/null; then
    return 0
  fi
  need_tool nginx || return 1
  free_port TRACE_SINK_PORT || return 1
  mkdir -p "$WORK/trace-sink/logs"
  cat >"$WORK/trace-sink/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/trace-sink/nginx.pid;
error_log $WORK/trace-sink/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:$TRACE_SINK_PORT;
    location / { return 200; }
  }
}
CONF
  nginx -p "$WORK/trace-sink" -c "$WORK/trace-sink/nginx.conf" >"$WORK/trace-sink/stdout.log" 2>&1 &
  TRACE_SINK_PID=$!
  PIDS+=("$TRACE_SINK_PID")
  wait_for 10 "$TRACE_SINK_PID" "trace sink on $TRACE_SINK_PORT" \
    curl -sf -m 2 -o /dev/null -X POST "http://127.0.0.1:$TRACE_SINK_PORT/v1/traces" || return 1
}

# start_replica NAME PORT_VAR [-Dextra=...]: one cache-service JVM on the bench Redis
start_replica() {
  local name=$1 port_var=$2
  shift 2
  free_port "$port_var" || return 1
  local port=${!port_var}
  ensure_trace_sink || return 1
  local -a opts
  # shellcheck disable=SC2206 # word splitting of the options is intended
  opts=($CACHE_JVM_OPTS $CACHE_BENCH_JAVA_OPTS)
  "$CACHE_JAVA" -Dquarkus.vertx.event-loops-pool-size="$CACHE_BENCH_EVENT_LOOPS" "${opts[@]}" \
    -Dquarkus.otel.exporter.otlp.protocol=http/protobuf \
    -Dquarkus.otel.exporter.otlp.endpoint="http://127.0.0.1:$TRACE_SINK_PORT" \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$port" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" \
    -Dperfsuite.auth.api-keys.bench.secret="$SECRET" \
    -Dperfsuite.auth.api-keys.bench.roles=admin \
    "$@" \
    -jar "$JAR" >"$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  wait_for 60 "$!" "$name on $port" curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/q/health/ready" || return 1
  log "$name up on 127.0.0.1:$port (pid $!)"
}

# cs_get [curl args...]: GET the hot key; sets CS_CODE, CS_TIER, CS_BODY
cs_get() {
  local hdr=$WORK/cs-get.hdr body=$WORK/cs-get.body
  CS_CODE=$(curl -s -m 5 -D "$hdr" -o "$body" -w '%{http_code}' "$@" \
    "http://127.0.0.1:$CS_PORT/v1/cache/default/$CS_KEY" || true)
  CS_TIER=$(awk -F': *' 'tolower($1) == "x-cache-tier" { gsub(/\r/, "", $2); print $2 }' "$hdr" 2>/dev/null || true)
  CS_BODY=$(cat "$body" 2>/dev/null || true)
}

# Checks the API before any load: PUT, GET until L1, GET with L1 bypassed is L2.
# Sets CS_L1_OK / CS_L2_OK; says exactly what did not match.
check_cache_service_api() {
  CS_L1_OK=0 CS_L2_OK=0
  local code i
  code=$(curl -s -m 5 -o "$WORK/cs-put.body" -w '%{http_code}' -X PUT \
    -H "Authorization: Bearer $SECRET" -H 'Content-Type: application/octet-stream' \
    --data-binary "$VALUE" "http://127.0.0.1:$CS_PORT/v1/cache/default/$CS_KEY" || true)
  if [[ $code != 2?? ]]; then
    fail_part "cache-service API: PUT /v1/cache/default/$CS_KEY answered HTTP $code ($(head -c 200 "$WORK/cs-put.body" 2>/dev/null | tr '\n' ' ')); the API may not exist yet"
    return 0
  fi
  for ((i = 0; i < 3; i++)); do
    cs_get
    [[ $CS_CODE == 200 && $CS_TIER == L1 ]] && break
  done
  if [[ $CS_CODE != 200 ]]; then
    fail_part "cache-service API: GET answered HTTP $CS_CODE"
  elif [[ $CS_TIER != L1 ]]; then
    fail_part "cache-service API: GET after priming answered X-Cache-Tier '${CS_TIER:-<none>}', expected L1"
  elif [[ $CS_BODY != "$VALUE" ]]; then
    fail_part "cache-service API: GET body differs from the value PUT (${#CS_BODY} bytes)"
  else
    CS_L1_OK=1
  fi
  cs_get -H 'X-Cache-Bypass: l1'
  if [[ $CS_CODE != 200 ]]; then
    fail_part "cache-service API: GET with X-Cache-Bypass: l1 answered HTTP $CS_CODE"
  elif [[ $CS_TIER != L2 ]]; then
    fail_part "cache-service API: GET with X-Cache-Bypass: l1 answered X-Cache-Tier '${CS_TIER:-<none>}', expected L2"
  elif [[ $CS_BODY != "$VALUE" ]]; then
    fail_part "cache-service API: L2 GET body differs from the value PUT"
  else
    CS_L2_OK=1
  fi
}

declare -A URL=() ARGS=() RPS=() P50=() P99=()
declare -A NAME=([webdis]="webdis GET (Redis each time)" [l1]="cache-service L1 hit" [l2]="cache-service L2 (bypass L1)")

measure_side() { # measure_side SIDE SECONDS LABEL: appends to RPS/P50/P99 of SIDE
  local side=$1 secs=$2 label=$3
  local -a extra=()
  [[ -n ${ARGS[$side]} ]] && extra=(-H "${ARGS[$side]}")
  run_wrk "$label" "$secs" "${URL[$side]}" "${extra[@]}" || return 1
  if ((WRK_BAD > 0)); then
    log "$label: $WRK_BAD non-2xx responses or socket errors; this measurement is not counted"
    return 1
  fi
  log "$(printf '%-10s %-28s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms' "$label" "${NAME[$side]}" "$WRK_RPS" "$WRK_P50" "$WRK_P99")"
  RPS[$side]+="$WRK_RPS "
  P50[$side]+="$WRK_P50 "
  P99[$side]+="$WRK_P99 "
}

throughput() {
  local tool
  for tool in redis-server redis-cli wrk curl java ss; do
    need_tool "$tool" || { fail_part "throughput: missing $tool"; return 0; }
  done
  need_tool webdis || { fail_part "throughput: webdis missing"; return 0; }

  start_redis || { fail_part "throughput: redis-server did not start"; return 0; }
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" SET bench:hot "$VALUE" >/dev/null

  local -a sides=()
  if start_webdis; then
    local body
    body=$(curl -s -m 5 "http://127.0.0.1:$WEBDIS_PORT/GET/bench:hot" || true)
    if [[ $body == *"$VALUE"* ]]; then
      sides+=(webdis)
      URL[webdis]="http://127.0.0.1:$WEBDIS_PORT/GET/bench:hot" ARGS[webdis]=''
    else
      fail_part "webdis: GET /GET/bench:hot did not return the value (got: ${body:0:120})"
    fi
  else
    fail_part "webdis did not start"
  fi

  CS_L1_OK=0 CS_L2_OK=0
  local built=1
  if ((BUILD)) || [[ ! -r $JAR ]]; then
    build_cache_service || { built=0; fail_part "cache-service: build failed (output above)"; }
  fi
  if ((built)) && [[ -r $JAR ]]; then
    if start_cache_service; then
      check_cache_service_api
    else
      fail_part "cache-service did not become ready (log tail below)"
      tail -n 20 "$WORK/cache-service.log" >&2 || true
    fi
  else
    fail_part "cache-service: no jar at $JAR"
  fi
  local cs_url="http://127.0.0.1:$CS_PORT/v1/cache/default/$CS_KEY"
  if ((CS_L1_OK)); then
    sides+=(l1)
    URL[l1]=$cs_url ARGS[l1]=''
  fi
  if ((CS_L2_OK)); then
    sides+=(l2)
    URL[l2]=$cs_url ARGS[l2]="X-Cache-Bypass: l1"
  fi
  if ((${#sides[@]} == 0)); then
    fail_part "throughput: nothing to measure"
    return 0
  fi

  local side r i n=${#sides[@]}
  LOAD_BEFORE=$(load_avg)
  if ((WARMUP > 0)); then
    log "warm-up ${WARMUP}s per side: ${sides[*]}"
    local -a extra
    for side in "${sides[@]}"; do
      extra=()
      [[ -n ${ARGS[$side]} ]] && extra=(-H "${ARGS[$side]}")
      run_wrk "warmup-$side" "$WARMUP" "${URL[$side]}" "${extra[@]}" || true
    done
  fi
  # Interleave: forward order in odd rounds, reverse in even rounds (ABC CBA ...),
  # so a drift in machine load does not favour whichever side runs first.
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < n; i++)); do
      if ((r % 2)); then side=${sides[i]}; else side=${sides[n - 1 - i]}; fi
      measure_side "$side" "$DURATION" "r$r-$side" || log "round $r $side: measurement failed"
    done
  done

  stop_started

  printf '\nThroughput: wrk -t1 -c32 -d%ss --latency, GET of one %d-byte value, median of %d round(s)\n' \
    "$DURATION" "${#VALUE}" "$ROUNDS"
  printf 'load average before: %s, after: %s (2 cores shared by wrk and the server)\n' "$LOAD_BEFORE" "$(load_avg)"
  printf '%-30s %12s %10s %10s\n' side req/s "p50 ms" "p99 ms"
  declare -A MED_RPS=() MED_P99=()
  for side in webdis l1 l2; do
    if [[ -z ${RPS[$side]:-} ]]; then
      printf '%-30s %12s %10s %10s\n' "${NAME[$side]:-$side}" - - -
      continue
    fi
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    MED_RPS[$side]=$(median ${RPS[$side]})
    # shellcheck disable=SC2086
    MED_P99[$side]=$(median ${P99[$side]})
    # shellcheck disable=SC2086
    printf '%-30s %12.0f %10.3f %10.3f\n' "${NAME[$side]}" "${MED_RPS[$side]}" "$(median ${P50[$side]})" "${MED_P99[$side]}"
    RESULTS+=("RESULT ${side}_rps ${MED_RPS[$side]} req/s")
    RESULTS+=("RESULT ${side}_p99 ${MED_P99[$side]} ms")
  done
  if [[ -n ${MED_RPS[webdis]:-} ]]; then
    for side in l1 l2; do
      [[ -n ${MED_RPS[$side]:-} ]] || continue
      RESULTS+=("RATIO ${side}_vs_webdis_rps $(div "${MED_RPS[$side]}" "${MED_RPS[webdis]}")")
      RESULTS+=("RATIO ${side}_vs_webdis_p99 $(div "${MED_P99[webdis]}" "${MED_P99[$side]}")")
    done
  fi
  for side in "${sides[@]}"; do
    [[ -n ${RPS[$side]:-} ]] || fail_part "throughput: no valid measurement for $side"
  done
}

# ---------------------------------------------------------------------------
# Part 3: stampede and coherence, with real processes (Probe.java)
# ---------------------------------------------------------------------------
READERS=200
EXPIRIES=${CACHE_BENCH_EXPIRIES:-5}
WRITES=${CACHE_BENCH_WRITES:-200}
ORIGIN_PORT='' CS_B_PORT=''

stampede() {
  local tool
  for tool in redis-server redis-cli webdis curl java ss; do
    need_tool "$tool" || { fail_part "stampede: missing $tool"; return 0; }
  done
  if [[ ! -r $JAR ]]; then
    build_cache_service || { fail_part "stampede: build failed"; return 0; }
  fi
  start_redis || { fail_part "stampede: redis-server did not start"; return 0; }
  start_webdis || { fail_part "stampede: webdis did not start"; return 0; }
  free_port ORIGIN_PORT || { fail_part "stampede: no free port"; return 0; }
  local items=(-Dcache.namespaces.items.origin="http://127.0.0.1:$ORIGIN_PORT/items/{key}"
    -Dcache.namespaces.items.public-read=true)
  start_replica replica-a CS_PORT "${items[@]}" || { fail_part "stampede: replica a did not start"; return 0; }
  start_replica replica-b CS_B_PORT "${items[@]}" || { fail_part "coherence: replica b did not start"; return 0; }

  log "stampede: $READERS concurrent readers per expiry, $EXPIRIES expiries, origin takes 50 ms per load"
  if java "$HERE/Probe.java" stampede "$ORIGIN_PORT" "http://127.0.0.1:$CS_PORT" \
    "http://127.0.0.1:$WEBDIS_PORT" "$READERS" "$EXPIRIES" >"$WORK/stampede.out" 2>&1; then
    grep '^STAMPEDE ' "$WORK/stampede.out" >&2 || true
    local ours peer readers
    read -r ours peer readers < <(awk '$1 == "STAMPEDE_RESULT" { print $2, $3, $4 }' "$WORK/stampede.out")
    printf '\nStampede: %s concurrent readers of one expired read-through key, worst of %s expiries\n' "$readers" "$EXPIRIES"
    printf '  cache-service origin loads per expiry: %s; cache-aside over webdis: %s\n' "$ours" "$peer"
    RESULTS+=("RESULT stampede_origin_loads_per_expiry $ours loads")
    RESULTS+=("RESULT cache_aside_origin_loads_per_expiry $peer loads")
    RESULTS+=("RATIO stampede_origin_loads_vs_cache_aside $(div "$peer" "$ours")")
  else
    tail -n 20 "$WORK/stampede.out" >&2
    fail_part "stampede: probe failed"
  fi

  log "coherence: $WRITES writes on replica a, each read back from replica b's L1 until it changes"
  if java "$HERE/Probe.java" coherence "http://127.0.0.1:$CS_PORT" "http://127.0.0.1:$CS_B_PORT" "$SECRET" \
    "$WRITES" >"$WORK/coherence.out" 2>&1; then
    local p50 p99 max n
    read -r p50 p99 max n < <(awk '$1 == "COHERENCE_RESULT" { print $2, $3, $4, $5 }' "$WORK/coherence.out")
    printf '\nCoherence: PUT acknowledged on replica a -> replica b stops serving the old value from L1 (%s writes)\n' "$n"
    printf '  p50 %s ms, p99 %s ms, max %s ms (target: under 50 ms)\n' "$p50" "$p99" "$max"
    RESULTS+=("RESULT coherence_p99 $p99 ms")
    RESULTS+=("RESULT coherence_max $max ms")
  else
    tail -n 20 "$WORK/coherence.out" >&2
    fail_part "coherence: probe failed"
  fi
  stop_started
}

# ---------------------------------------------------------------------------
# the bound covers the whole run, a build included (which also has its own timeout)
bench_watchdog "$TIMEOUT"
log "time limit ${TIMEOUT}s; work dir $WORK"
if [[ $ONLY != hitratio ]]; then
  find_cache_java || exit 1
  log "cache-service JVM: $CACHE_JAVA ($("$CACHE_JAVA" -version 2>&1 | head -n 1)) $CACHE_JVM_OPTS $CACHE_BENCH_JAVA_OPTS"
fi
case $ONLY in
  all)
    hitratio
    throughput
    stampede
    ;;
  hitratio) hitratio ;;
  throughput) throughput ;;
  stampede) stampede ;;
esac

echo
for line in "${RESULTS[@]}"; do
  echo "$line"
done
if ((${#FAILURES[@]})); then
  echo
  echo "INCOMPLETE: ${#FAILURES[@]} problem(s):"
  printf '  - %s\n' "${FAILURES[@]}"
  exit 1
fi
