#!/usr/bin/env bash
# resource-monitor collection overhead: the monitor's own CPU use at a 1 s host-collection interval.
#
#   bench/resource-monitor/overhead.sh [--build] [--seconds S] [--warmup S] [--interval D]
#
# Runs the packaged jar (resource-monitor/target/quarkus-app) idle twice, with its own redis-server
# for the outbox, no Prometheus and rule evaluation off, so nothing but the sampler and the idle
# service runs:
#   1. monitor.host.enabled=true, monitor.host.interval=1s (or --interval);
#   2. monitor.host.enabled=false: the idle service alone.
# Each run waits --warmup seconds (default 40: start-up and JIT), then reads over --seconds
# (default 60): the process's utime+stime from /proc/<pid>/stat, the "monitor-host" thread's own
# utime+stime from /proc/<pid>/task/*/stat, and host_collection_cpu_seconds_total from /q/metrics.
# Reports CPU as a share of one core: the whole process on and off, their difference (what
# collection costs the process), the sampler thread alone, and the five busiest threads of each
# run (where the rest goes). Goal: under 2 % of one core.
# Ends with RESULT lines and the load average before and after.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
log() { printf '[bench resource-monitor overhead] %s\n' "$*" >&2; }
# shellcheck source=../lib/common.sh
source "$HERE/../lib/common.sh"

BUILD=0
SECONDS_MEASURED=60
WARMUP=40
INTERVAL=1s
usage() { bench_usage 2 17; }

BENCH_OPTIONS="--warmup --interval"
while (($#)); do
  case $1 in
    --seconds) SECONDS_MEASURED=${2:?--seconds needs a number}; shift 2 ;;
    *) bench_option "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
check_range --seconds "$SECONDS_MEASURED" 10 3600 --warmup "$WARMUP" 0 600

bench_init resource-monitor-overhead
# shellcheck source=monitor.sh
source "$HERE/monitor.sh"
if ((BUILD)) || [[ ! -r $MONITOR_JAR ]]; then
  log "packaging resource-monitor"
  (cd "$ROOT" && timeout 900 ./mvnw -B -ntp -q -o -pl resource-monitor package -DskipTests) >&2 || { log "build failed"; exit 1; }
fi
need_tool redis-server redis-server || exit 1
TICK=$(getconf CLK_TCK)


# Fields 14 and 15 of stat are utime and stime in clock ticks; the name (field 2) may hold spaces,
# so count from the closing parenthesis.
ticks_of() { sed 's/^.*) //' "$1" | awk '{ print $12 + $13 }'; }

sampler_ticks() { # the monitor-host thread's ticks, 0 when it does not run
  local pid=$1 t total=0
  for t in /proc/"$pid"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == monitor-host ]] && total=$(ticks_of "$t/stat")
  done
  echo "$total"
}

thread_ticks() { # "ticks<TAB>name" for every thread, names with their numbers folded (GC Thread#3 -> GC Thread#)
  local pid=$1 t
  for t in /proc/"$pid"/task/*; do
    printf '%s\t%s\n' "$(ticks_of "$t/stat" 2>/dev/null || echo 0)" "$(sed 's/[0-9]*$//' "$t/comm" 2>/dev/null)"
  done
}

# busiest NAME BEFORE AFTER: the five thread names that used most CPU between two thread_ticks snapshots
busiest() {
  awk -F'\t' -v tick="$TICK" -v secs="$SECONDS_MEASURED" -v name="$1" '
    FNR == NR { before[$2] += $1; next }
    { after[$2] += $1 }
    END {
      for (n in after) if (after[n] - before[n] > 0) printf "%d\t%s\n", after[n] - before[n], n
    }' "$2" "$3" | sort -rn | head -n 5 | awk -F'\t' -v tick="$TICK" -v secs="$SECONDS_MEASURED" -v name="$1" '
    { printf "  %s, busiest threads: %-18s %5.2f CPU-s  %5.2f %% of one core\n", name, $2, $1 / tick, 100 * $1 / (tick * secs) }' >&2
}

collection_seconds() { # host_collection_cpu_seconds_total, 0 when collection is off
  curl -fs "http://127.0.0.1:$1/q/metrics" | awk '/^host_collection_cpu_seconds_total/ { v = $2 } END { print v + 0 }'
}

redis_port=0
start_redis redis_port || exit 1

# measure NAME ENABLED: prints "process_ticks sampler_ticks collection_seconds" over the window
measure() {
  local name=$1 enabled=$2 http_port=0 pid p0 p1 s0 s1 c0 c1
  free_port http_port
  start_monitor "$name" "$http_port" "$redis_port" MONITOR_RULES_EVALUATION_ENABLED=false \
    MONITOR_HOST_ENABLED="$enabled" MONITOR_HOST_INTERVAL="$INTERVAL" || return 1
  pid=$MONITOR_PID
  log "$name: started (pid $pid), warm-up ${WARMUP}s, then ${SECONDS_MEASURED}s measured; load $(load_avg)"
  sleep "$WARMUP"
  c0=$(collection_seconds "$http_port")
  p0=$(ticks_of /proc/"$pid"/stat)
  s0=$(sampler_ticks "$pid")
  thread_ticks "$pid" >"$WORK/$name.threads0"
  sleep "$SECONDS_MEASURED"
  p1=$(ticks_of /proc/"$pid"/stat)
  s1=$(sampler_ticks "$pid")
  thread_ticks "$pid" >"$WORK/$name.threads1"
  busiest "$name" "$WORK/$name.threads0" "$WORK/$name.threads1"
  c1=$(collection_seconds "$http_port")
  stop_pid "$pid"
  echo "$((p1 - p0)) $((s1 - s0)) $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.4f", b - a }')"
}

log "load before: $(load_avg)"
measure collection-on true >"$WORK/on"
measure collection-off false >"$WORK/off"
read -r on_ticks on_sampler on_counter <"$WORK/on"
read -r off_ticks _ _ <"$WORK/off"
log "load after: $(load_avg)"

awk -v on="$on_ticks" -v off="$off_ticks" -v thread="$on_sampler" -v counter="$on_counter" \
  -v tick="$TICK" -v secs="$SECONDS_MEASURED" -v interval="$INTERVAL" -v load="$(load_avg)" 'BEGIN {
  pct = 100 / (tick * secs)
  printf "\ncollection every %s, %d s measured after warm-up (load average %s)\n", interval, secs, load
  printf "  whole process, collection on : %6.2f CPU-s  %5.2f %% of one core\n", on / tick, on * pct
  printf "  whole process, collection off: %6.2f CPU-s  %5.2f %% of one core\n", off / tick, off * pct
  printf "  difference (collection)      : %6.2f CPU-s  %5.2f %% of one core\n", (on - off) / tick, (on - off) * pct
  printf "  monitor-host thread (/proc)  : %6.2f CPU-s  %5.2f %% of one core\n", thread / tick, thread * pct
  printf "  host_collection_cpu_seconds  : %6.2f CPU-s  %5.2f %% of one core\n", counter, 100 * counter / secs
  printf "goal: under 2 %% of one core\n\n"
  printf "RESULT monitor_cpu_collection_on %.3f percent\n", on * pct
  printf "RESULT monitor_cpu_collection_off %.3f percent\n", off * pct
  printf "RESULT monitor_cpu_collection_overhead %.3f percent\n", (on - off) * pct
  printf "RESULT monitor_cpu_sampler_thread %.3f percent\n", thread * pct
}'
