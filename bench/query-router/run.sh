#!/usr/bin/env bash
# query-router side-by-side benchmark. See README.md beside this file.
#
#   bench/query-router/run.sh [--build] [--duration S] [--warmup S] [--rounds N]
#                             [--pairs N] [--scale N] [--timeout S]
#
# One PostgreSQL 15 primary + streaming replica (pgbench -i, --scale), then:
# 1. reads: primary-key SELECTs of pgbench_accounts with 16 connections each:
#    the router (wrk -c16 POST /v1/query, pk-read.lua), pgbench -S -c16 direct
#    on the replica, pgbench -S -c16 through pgpool-II (Debian's pgpool2, reads
#    weighted to the replica). Rounds interleave the three (ABC, CBA...).
# 2. read-your-writes: --pairs write-then-read pairs through the router while
#    replay on the replica is paused and resumed at random; counts stale reads
#    and the latency of those reads against eventual reads.
# 3. hard cases: query-router/src/test/resources/hard-cases.tsv through POST /v1/classify.
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
JAR=${ROUTER_BENCH_JAR:-$ROOT/query-router/target/quarkus-app/quarkus-run.jar}
PG_BIN=${PERFSUITE_PG_BIN:-/usr/lib/postgresql/15/bin}

BUILD=0
DURATION=10
WARMUP=20
ROUNDS=5
PAIRS=10000
SCALE=10
TIMEOUT=

usage() { bench_usage 2 20; }

BENCH_OPTIONS="--duration --warmup --rounds --pairs --scale --timeout"
while (($#)); do bench_option "$@"; shift "$BENCH_SHIFT"; done
check_range --duration "$DURATION" 1 300 --warmup "$WARMUP" 0 60 --rounds "$ROUNDS" 1 10
check_range --pairs "$PAIRS" 0 1000000 --scale "$SCALE" 1 100
if [[ -z $TIMEOUT ]]; then
  TIMEOUT=$((300 + ROUNDS * 3 * (DURATION + WARMUP + 10) + PAIRS / 50))
  if ((BUILD)) || [[ ! -r $JAR ]]; then TIMEOUT=$((TIMEOUT + 900)); fi
fi
check_range --timeout "$TIMEOUT" 10 7200

log() { printf '[bench query-router] %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# Cleanup: everything we start is recorded here and stopped on EXIT.
# ---------------------------------------------------------------------------
bench_init query-router
BENCH_LOG_GLOBS+=('pg/*.log')
PG_DIRS=()
PAUSER_PID=
IS_ROOT=0
[[ $(id -u) -eq 0 ]] && IS_ROOT=1
PG_USER=$(if ((IS_ROOT)); then echo postgres; else id -un; fi)

as_pg() { # run a PostgreSQL tool as the OS user that owns the data (initdb refuses root)
  if ((IS_ROOT)); then (cd "$WORK" && runuser -u "$PG_USER" -- "$@"); else "$@"; fi
}

stop_postgres() { # the replay pauser, then the servers in PG_DIRS, newest first
  local i
  [[ -n $PAUSER_PID ]] && stop_pid "$PAUSER_PID"
  for ((i = ${#PG_DIRS[@]} - 1; i >= 0; i--)); do
    as_pg "$PG_BIN/pg_ctl" stop -D "${PG_DIRS[i]}" -m immediate -w -t 30 >/dev/null 2>&1 || true
  done
}
BENCH_CLEANUP_HOOKS+=(stop_postgres)

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  log "$what: not ready within ${secs}s"
  return 1
}


FAILURES=()
RESULTS=()

# ---------------------------------------------------------------------------
# PostgreSQL primary + streaming replica
# ---------------------------------------------------------------------------
P_PRIMARY='' P_REPLICA='' P_POOL='' P_PCP='' P_ROUTER=''
SOCK=$WORK/sock
psql_on() { # psql_on PORT SQL
  as_pg "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d bench -c "$2"
}

start_pg() { # start_pg DIR NAME
  PG_DIRS+=("$1")
  as_pg "$PG_BIN/pg_ctl" start -D "$1" -l "$WORK/pg/$2.log" -w -t 60 -s >/dev/null
}

start_postgres() {
  free_port P_PRIMARY && free_port P_REPLICA || return 1
  mkdir -p "$SOCK" "$WORK/pg"
  ((IS_ROOT)) && chown "$PG_USER" "$SOCK" "$WORK/pg"
  as_pg "$PG_BIN/initdb" -D "$WORK/pg/primary" -U postgres --auth=trust --no-locale -E UTF8 >"$WORK/initdb.log" 2>&1 ||
    { log "initdb failed"; return 1; }
  cat >>"$WORK/pg/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $P_PRIMARY
unix_socket_directories = '$SOCK'
max_connections = 200
shared_buffers = '256MB'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
synchronous_commit = on
wal_retrieve_retry_interval = '200ms'
CONF
  start_pg "$WORK/pg/primary" primary || { log "primary did not start"; return 1; }
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$P_PRIMARY" -U postgres bench || return 1
  log "pgbench -i -s $SCALE on the primary"
  as_pg "$PG_BIN/pgbench" -i -q -s "$SCALE" -h 127.0.0.1 -p "$P_PRIMARY" -U postgres bench >"$WORK/pgbench-init.log" 2>&1 ||
    { log "pgbench -i failed"; return 1; }
  psql_on "$P_PRIMARY" "CREATE TABLE ryw (id int PRIMARY KEY, v bigint NOT NULL);
    INSERT INTO ryw SELECT g, 0 FROM generate_series(0, 64) g; CHECKPOINT;" || return 1
  as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$P_PRIMARY" -U postgres -D "$WORK/pg/replica" -R -X stream \
    -c fast >"$WORK/basebackup.log" 2>&1 || { log "pg_basebackup failed"; return 1; }
  echo "port = $P_REPLICA" | as_pg tee -a "$WORK/pg/replica/postgresql.conf" >/dev/null
  start_pg "$WORK/pg/replica" replica || { log "replica did not start"; return 1; }
  wait_for 60 "replica streaming" test "$(psql_on "$P_PRIMARY" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ||
    return 1
  log "primary :$P_PRIMARY, replica :$P_REPLICA streaming (scale $SCALE)"
}

# ---------------------------------------------------------------------------
# pgpool-II in streaming-replication mode, reads weighted to the replica
# ---------------------------------------------------------------------------
start_pgpool() {
  need_tool pgpool pgpool2 || return 1
  free_port P_POOL && free_port P_PCP || return 1
  mkdir -p "$WORK/pgpool"
  cat >"$WORK/pgpool/pgpool.conf" <<CONF
backend_clustering_mode = 'streaming_replication'
listen_addresses = '127.0.0.1'
port = $P_POOL
unix_socket_directories = '$WORK/pgpool'
pcp_listen_addresses = '127.0.0.1'
pcp_port = $P_PCP
pcp_socket_dir = '$WORK/pgpool'
backend_hostname0 = '127.0.0.1'
backend_port0 = $P_PRIMARY
backend_weight0 = 0
backend_flag0 = 'ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER'
backend_hostname1 = '127.0.0.1'
backend_port1 = $P_REPLICA
backend_weight1 = 1
backend_flag1 = 'DISALLOW_TO_FAILOVER'
load_balance_mode = on
num_init_children = 32
max_pool = 1
connection_cache = on
sr_check_period = 0
health_check_period = 0
failover_on_backend_error = off
enable_pool_hba = off
pid_file_name = '$WORK/pgpool/pgpool.pid'
logdir = '$WORK/pgpool'
log_min_messages = warning
CONF
  : >"$WORK/pgpool/pcp.conf"
  pgpool -n -f "$WORK/pgpool/pgpool.conf" -F "$WORK/pgpool/pcp.conf" >"$WORK/pgpool.log" 2>&1 &
  PIDS+=("$!")
  wait_for 30 "pgpool on $P_POOL" psql_on "$P_POOL" "SELECT 1" || return 1
  log "pgpool-II $(pgpool --version 2>&1 | awk '{print $3}') on :$P_POOL"
}

# ---------------------------------------------------------------------------
# query-router
# ---------------------------------------------------------------------------
SECRET=bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
build_router() {
  if ((BUILD)) || [[ ! -r $JAR ]]; then
    log "building query-router (mvnw -pl query-router -am package -DskipTests)"
    (cd "$ROOT" && timeout 900 ./mvnw -B -ntp -q -pl query-router -am package -DskipTests) >"$WORK/build.log" 2>&1 ||
      { log "build failed"; tail -n 20 "$WORK/build.log" >&2; return 1; }
  fi
}

start_router() {
  free_port P_ROUTER || return 1
  local -a opts
  # shellcheck disable=SC2206 # word splitting of the options is intended
  opts=($CONTAINER_JVM_OPTS ${ROUTER_BENCH_JAVA_OPTS:-})
  # tracing off: no collector runs here, and an exporter retrying a dead endpoint would cost CPU
  java -Xmx512m "${opts[@]}" -Dquarkus.http.port="$P_ROUTER" -Dquarkus.http.host=127.0.0.1 \
    -Drouter.primary.uri="postgresql://postgres@127.0.0.1:$P_PRIMARY/bench" \
    -Drouter.replicas="postgresql://postgres@127.0.0.1:$P_REPLICA/bench" \
    -Drouter.pool.max-size=16 \
    -Dperfsuite.auth.api-keys.bench.secret="$SECRET" -Dperfsuite.auth.api-keys.bench.roles=writer \
    -Dquarkus.log.console.json.enabled=false -Dquarkus.otel.sdk.disabled=true \
    -jar "$JAR" >"$WORK/router.log" 2>&1 &
  PIDS+=("$!")
  wait_for 60 "query-router on $P_ROUTER" curl -sf -m 2 -o /dev/null "http://127.0.0.1:$P_ROUTER/q/health/ready" || return 1
  wait_for 30 "replica in rotation" sh -c "curl -sf -m 2 -H 'X-API-Key: $SECRET' http://127.0.0.1:$P_ROUTER/v1/replicas | jq -e '.[] | select(.name == \"replica-1\") | .breaker == \"closed\"'" ||
    log "warning: could not confirm the replica is in rotation"
  log "query-router on :$P_ROUTER"
}

# ---------------------------------------------------------------------------
# Part 1: primary-key read throughput, 16 connections each
# ---------------------------------------------------------------------------
NACCOUNTS=$((SCALE * 100000))
run_router_reads() { # run_router_reads SECONDS LABEL: sets RPS P50 P99 BAD
  local out=$WORK/wrk-$2.out line
  RPS='' P50='' P99='' BAD=0
  ROUTER_KEY=$SECRET NACCOUNTS=$NACCOUNTS timeout $(($1 + 30)) wrk -t2 -c16 -d"$1s" --latency \
    -s "$HERE/pk-read.lua" "http://127.0.0.1:$P_ROUTER" >"$out" 2>&1 || { log "wrk failed: $(tail -n 3 "$out")"; return 1; }
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  line=$(awk '$1 == "50%" { print $2 }' "$out") && P50=$(to_ms "$line")
  line=$(awk '$1 == "99%" { print $2 }' "$out") && P99=$(to_ms "$line")
  BAD=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  [[ -n $RPS && -n $P50 ]] || { log "cannot parse wrk output"; cat "$out" >&2; return 1; }
}

run_pgbench() { # run_pgbench SECONDS PORT LABEL: sets RPS LAT (average ms)
  local out=$WORK/pgbench-$3.out
  RPS='' LAT=''
  timeout $(($1 + 60)) "$PG_BIN/pgbench" -n -S -M prepared -c16 -j2 -T "$1" -h 127.0.0.1 -p "$2" -U postgres bench \
    >"$out" 2>&1 || { log "pgbench $3 failed: $(tail -n 3 "$out")"; return 1; }
  RPS=$(awk -F'[ =]+' '/^tps = / { print $2; exit }' "$out")
  LAT=$(awk -F'[ =]+' '/^latency average/ { print $3; exit }' "$out")
  [[ -n $RPS ]] || { log "cannot parse pgbench output"; cat "$out" >&2; return 1; }
}

reads() {
  local r side order
  local -a router_rps=() router_p50=() router_p99=() direct_rps=() direct_lat=() pool_rps=() pool_lat=()
  local router_bad=0
  log "warm-up ${WARMUP}s each"
  if ((WARMUP > 0)); then
    run_router_reads "$WARMUP" warmup || { fail_part "reads: router warm-up"; return 0; }
    run_pgbench "$WARMUP" "$P_REPLICA" warmup-direct || { fail_part "reads: pgbench warm-up"; return 0; }
    run_pgbench "$WARMUP" "$P_POOL" warmup-pgpool || { fail_part "reads: pgpool warm-up"; return 0; }
  fi
  LOAD_BEFORE=$(load_avg)
  for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then order="router direct pgpool"; else order="pgpool direct router"; fi
    for side in $order; do
      case $side in
        router)
          run_router_reads "$DURATION" "round$r" || { fail_part "reads: router round $r"; return 0; }
          router_rps+=("$RPS"); router_p50+=("$P50"); router_p99+=("$P99"); router_bad=$((router_bad + BAD))
          log "round $r router: $RPS req/s p50 ${P50} ms p99 ${P99} ms" ;;
        direct)
          run_pgbench "$DURATION" "$P_REPLICA" "direct-$r" || { fail_part "reads: pgbench direct round $r"; return 0; }
          direct_rps+=("$RPS"); direct_lat+=("$LAT")
          log "round $r pgbench direct on the replica: $RPS tps avg ${LAT} ms" ;;
        pgpool)
          run_pgbench "$DURATION" "$P_POOL" "pgpool-$r" || { fail_part "reads: pgbench via pgpool round $r"; return 0; }
          pool_rps+=("$RPS"); pool_lat+=("$LAT")
          log "round $r pgbench through pgpool-II: $RPS tps avg ${LAT} ms" ;;
      esac
    done
  done
  local LOAD_AFTER m_router m_direct m_pool
  local -a paired=()
  LOAD_AFTER=$(load_avg)
  # router and direct run back to back in every round, so their ratio within a round cancels the drift of a
  # shared machine's speed between rounds; the median of those is the headline, the ratio of medians beside it
  for ((r = 0; r < ROUNDS; r++)); do paired+=("$(div "${router_rps[r]}" "${direct_rps[r]}")"); done
  m_router=$(median "${router_rps[@]}")
  m_direct=$(median "${direct_rps[@]}")
  m_pool=$(median "${pool_rps[@]}")
  printf '\n%-44s %12s %10s %10s\n' "PK reads, 16 connections, ${DURATION}s x $ROUNDS" "req/s (med)" "p50 ms" "p99/avg ms"
  printf '%-44s %12s %10s %10s\n' "query-router (wrk -c16, POST /v1/query)" "$m_router" "$(median "${router_p50[@]}")" "$(median "${router_p99[@]}")"
  printf '%-44s %12s %10s %10s\n' "pgbench -S -M prepared -c16, replica direct" "$m_direct" "-" "$(median "${direct_lat[@]}") avg"
  printf '%-44s %12s %10s %10s\n' "pgbench -S -M prepared -c16, via pgpool-II" "$m_pool" "-" "$(median "${pool_lat[@]}") avg"
  echo "router / direct per round: ${paired[*]}"
  echo "router errors (non-2xx + socket): $router_bad; scale $SCALE ($NACCOUNTS accounts); load before: $LOAD_BEFORE, after: $LOAD_AFTER"
  RESULTS+=("RESULT router_pk_read_rps $m_router req/s")
  RESULTS+=("RESULT router_pk_read_p50 $(median "${router_p50[@]}") ms")
  RESULTS+=("RESULT router_pk_read_p99 $(median "${router_p99[@]}") ms")
  RESULTS+=("RESULT pgbench_replica_direct_tps $m_direct tps")
  RESULTS+=("RESULT pgbench_pgpool_tps $m_pool tps")
  RESULTS+=("RATIO router_vs_direct_replica_throughput $(median "${paired[@]}")")
  RESULTS+=("RESULT router_vs_direct_ratio_of_medians $(div "$m_router" "$m_direct") x")
  RESULTS+=("RATIO router_vs_pgpool_throughput $(div "$m_router" "$m_pool")")
  ((router_bad == 0)) || fail_part "reads: the router answered $router_bad requests with errors"
}

# ---------------------------------------------------------------------------
# Part 2: read-your-writes under random replay pauses
# ---------------------------------------------------------------------------
pause_resume_loop() { # toggles replay on the replica at random intervals of 20-400 ms
  local paused=0
  while :; do
    sleep "0.$(printf '%03d' $((20 + RANDOM % 380)))"
    if ((paused)); then
      psql_on "$P_REPLICA" "SELECT pg_wal_replay_resume()" >/dev/null 2>&1 || true
      paused=0
    else
      psql_on "$P_REPLICA" "SELECT pg_wal_replay_pause()" >/dev/null 2>&1 || true
      paused=1
    fi
  done
}

ryw() {
  ((PAIRS > 0)) || return 0
  log "read-your-writes: $PAIRS write-then-read pairs, 4 clients, replay paused/resumed at random"
  pause_resume_loop &
  PAUSER_PID=$!
  local out=$WORK/ryw.out
  if ! timeout $((PAIRS / 20 + 300)) java "$HERE/RywCheck.java" "http://127.0.0.1:$P_ROUTER" "$SECRET" "$PAIRS" 4 >"$out" 2>&1; then
    fail_part "ryw: RywCheck failed"
    tail -n 20 "$out" >&2
  fi
  stop_pid "$PAUSER_PID"
  PAUSER_PID=
  psql_on "$P_REPLICA" "SELECT pg_wal_replay_resume()" >/dev/null 2>&1 || true
  local line
  line=$(grep '^RYW ' "$out" || true)
  [[ -n $line ]] || { fail_part "ryw: no result line"; return 0; }
  local -A f=()
  local kv
  for kv in ${line#RYW }; do f[${kv%%=*}]=${kv#*=}; done
  printf '\n%-44s %s\n' "read-your-writes pairs" "${f[pairs]} (errors ${f[errors]})"
  printf '%-44s %s\n' "stale reads" "${f[stale]}"
  printf '%-44s %s\n' "served by replica / primary" "${f[replica]} / ${f[primary]}"
  printf '%-44s p50 %s ms, p99 %s ms\n' "read-your-writes read right after a write" "${f[ryw_p50_ms]}" "${f[ryw_p99_ms]}"
  printf '%-44s p50 %s ms, p99 %s ms\n' "eventual read (same clients, same run)" "${f[eventual_p50_ms]}" "${f[eventual_p99_ms]}"
  RESULTS+=("RESULT ryw_stale_reads ${f[stale]} reads")
  RESULTS+=("RESULT ryw_pairs ${f[pairs]} pairs")
  RESULTS+=("RESULT ryw_read_p50 ${f[ryw_p50_ms]} ms")
  RESULTS+=("RESULT ryw_read_p99 ${f[ryw_p99_ms]} ms")
  RESULTS+=("RESULT eventual_read_p50 ${f[eventual_p50_ms]} ms")
  RESULTS+=("RATIO ryw_vs_eventual_read_p50 $(div "${f[eventual_p50_ms]}" "${f[ryw_p50_ms]}")")
  ((f[stale] == 0)) || fail_part "ryw: ${f[stale]} stale reads"
  ((f[errors] == 0)) || fail_part "ryw: ${f[errors]} errors"
}

# ---------------------------------------------------------------------------
# Part 3: the hard-case corpus through /v1/classify
# ---------------------------------------------------------------------------
hard_cases() {
  local expected sql got total=0 right=0 body
  while IFS=$'\t' read -r expected sql; do
    [[ -z $expected || $expected == \#* ]] && continue
    total=$((total + 1))
    body=$(jq -cn --arg sql "$sql" '{sql: $sql}')
    got=$(curl -s -m 5 -H "X-API-Key: $SECRET" -H 'Content-Type: application/json' -d "$body" \
      "http://127.0.0.1:$P_ROUTER/v1/classify" | jq -r .route)
    if [[ $got == "$expected" ]]; then right=$((right + 1)); else log "hard case misrouted: $sql -> $got"; fi
  done <"$ROOT/query-router/src/test/resources/hard-cases.tsv"
  printf '\n%-44s %s of %s\n' "hard cases routed as expected" "$right" "$total"
  RESULTS+=("RESULT hard_cases_routed_correctly $right of-$total")
  ((right == total)) || fail_part "hard cases: $((total - right)) misrouted"
}

# ---------------------------------------------------------------------------
bench_watchdog "$TIMEOUT"
need_tools wrk curl jq java ss || exit 1
[[ -x $PG_BIN/pgbench ]] || { log "PostgreSQL binaries not found in $PG_BIN (set PERFSUITE_PG_BIN)"; exit 1; }
build_router || exit 1
start_postgres || exit 1
start_pgpool || exit 1
start_router || exit 1

echo "query-router benchmark: $(nproc) CPUs, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $(date -u +%FT%TZ)"
echo "router JVM: $(java -version 2>&1 | head -n 1), -Xmx512m $CONTAINER_JVM_OPTS ${ROUTER_BENCH_JAVA_OPTS:-}"
reads
hard_cases
ryw

echo
printf '%s\n' "${RESULTS[@]}"
if ((${#FAILURES[@]})); then
  log "failed parts: ${FAILURES[*]}"
  exit 1
fi
