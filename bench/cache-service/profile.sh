#!/usr/bin/env bash
# Where an L1 hit's (or an L2 read's) cost goes, measured with JFR on the running service:
# allocation per request, garbage collections and their pauses, the top allocation sites and the
# top frames of the CPU samples.
# Not a side-by-side benchmark (run.sh is): these figures depend little on the machine's load,
# so they can be compared between builds and JVMs on a busy machine where latencies cannot.
#
#   bench/cache-service/profile.sh [--side l1|l2] [--seconds S] [--java PATH] [--opts "JVM OPTIONS"] [--no-jfr]
#                                 [--jar PATH]
#
# Defaults: --side l1, --seconds 15, the image's JVM (run.sh's CACHE_JVM_OPTS on Java 25).
# Keeps the recording in .bench/cache-service-profile-<side>-<timestamp>.jfr. Also prints each
# thread's CPU and run-queue wait over the loaded seconds (schedstat.py); --no-jfr measures those
# alone, without the recorder's sampling of the event loop. --jar runs another build's
# quarkus-run.jar (a copy of its quarkus-app), to compare two builds in the same minutes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
source "$HERE/../lib/common.sh"
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/cache-service/target/quarkus-app/quarkus-run.jar
SIDE=l1 SECONDS_LOADED=15 JAVA_BIN='' OPTS="-XX:+UseParallelGC -XX:ParallelGCThreads=1 -Xms384m -Xmx384m -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
SECRET=profile-secret-0000000001
JFR=1

while (($#)); do
  case $1 in
    --side) SIDE=${2:?}; shift ;;
    --seconds) SECONDS_LOADED=${2:?}; shift ;;
    --java) JAVA_BIN=${2:?}; shift ;;
    --opts) OPTS=${2?}; shift ;;
    --no-jfr) JFR=0 ;;
    --jar) JAR=${2:?}; shift ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
  shift
done
[[ $SIDE == l1 || $SIDE == l2 ]] || { echo "--side must be l1 or l2" >&2; exit 2; }
in_range "$SECONDS_LOADED" 5 120 || { echo "--seconds must be 5..120" >&2; exit 2; }

log() { printf '[profile cache-service] %s\n' "$*" >&2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/profile-cache-service.XXXXXX")
PIDS=()
cleanup() {
  local status=$? i
  trap '' INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in redis-server wrk curl python3 nginx ss; do need_tool "$tool" || exit 1; done
[[ -r $JAR ]] || { log "no jar at $JAR: ./mvnw -B -pl cache-service -am package -DskipTests"; exit 1; }
if [[ -z $JAVA_BIN ]]; then
  for JAVA_BIN in /usr/lib/jvm/temurin-25*/bin/java "$(command -v java)"; do [[ -x $JAVA_BIN ]] && break; done
fi
JDK_BIN=$(dirname "$(readlink -f "$JAVA_BIN")")
[[ -x $JDK_BIN/jcmd && -x $JDK_BIN/jfr ]] || { log "$JAVA_BIN has no jcmd/jfr beside it (a JDK is needed)"; exit 1; }

free_port REDIS_PORT
free_port SINK_PORT
free_port CS_PORT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=("$!")
# spans go to an nginx that accepts and drops them, as in run.sh
mkdir -p "$WORK/sink/logs"
cat >"$WORK/sink/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $WORK/sink/nginx.pid; error_log $WORK/sink/logs/error.log warn;
events { worker_connections 256; }
http { access_log off; client_max_body_size 64m; server { listen 127.0.0.1:$SINK_PORT; location / { return 200; } } }
CONF
nginx -p "$WORK/sink" -c "$WORK/sink/nginx.conf" >/dev/null 2>&1 &
PIDS+=("$!")
# shellcheck disable=SC2086 # the options are word-split on purpose
"$JAVA_BIN" -Dquarkus.vertx.event-loops-pool-size=1 $OPTS \
  -Dquarkus.otel.exporter.otlp.protocol=http/protobuf -Dquarkus.otel.exporter.otlp.endpoint="http://127.0.0.1:$SINK_PORT" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$CS_PORT" -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" \
  -Dperfsuite.auth.api-keys.profile.secret="$SECRET" -Dperfsuite.auth.api-keys.profile.roles=admin \
  -jar "$JAR" >"$WORK/cache-service.log" 2>&1 &
CS_PID=$!
PIDS+=("$CS_PID")
for ((i = 0; i < 240; i++)); do
  curl -sf -m 2 -o /dev/null "http://127.0.0.1:$CS_PORT/q/health/ready" && break
  kill -0 "$CS_PID" 2>/dev/null || { tail -n 20 "$WORK/cache-service.log" >&2; exit 1; }
  sleep 0.25
done
URL="http://127.0.0.1:$CS_PORT/v1/cache/default/bench:hot"
curl -sf -m 5 -o /dev/null -X PUT -H "Authorization: Bearer $SECRET" -H 'Content-Type: application/octet-stream' \
  --data-binary "$(head -c 100 /dev/zero | tr '\0' v)" "$URL" || { log "PUT failed"; exit 1; }
HEADER=()
[[ $SIDE == l2 ]] && HEADER=(-H 'X-Cache-Bypass: l1')

cat >"$WORK/profile.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="cache-service profile">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">300/s</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.GCPhasePause"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
JFC
log "warm-up 10 s, then $SECONDS_LOADED s recorded ($SIDE, $("$JAVA_BIN" -version 2>&1 | head -n 1), $OPTS)"
timeout 40 wrk -t1 -c32 -d10s "${HEADER[@]}" "$URL" >/dev/null 2>&1
mkdir -p "$ROOT/.bench"
REC=$ROOT/.bench/cache-service-profile-$SIDE-$(date -u +%Y%m%d-%H%M%S).jfr
((JFR)) && "$JDK_BIN/jcmd" "$CS_PID" JFR.start name=profile settings="$WORK/profile.jfc" filename="$REC" >/dev/null
LOAD_BEFORE=$(load_avg)
python3 "$HERE/schedstat.py" snapshot "$CS_PID" "${PIDS[0]}" >"$WORK/sched-before"
timeout $((SECONDS_LOADED + 30)) wrk -t1 -c32 -d"${SECONDS_LOADED}s" --latency "${HEADER[@]}" "$URL" >"$WORK/wrk.out" 2>&1
python3 "$HERE/schedstat.py" snapshot "$CS_PID" "${PIDS[0]}" >"$WORK/sched-after"
LOAD_AFTER=$(load_avg)
((JFR)) && "$JDK_BIN/jcmd" "$CS_PID" JFR.stop name=profile >/dev/null

REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
printf '%s, %s s: %s requests, %s req/s, p50 %s, p99 %s (load average before %s, after %s)\n' "$SIDE" "$SECONDS_LOADED" \
  "$REQUESTS" "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out")" "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")" \
  "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")" "$LOAD_BEFORE" "$LOAD_AFTER"
python3 "$HERE/schedstat.py" report "$WORK/sched-before" "$WORK/sched-after" "$REQUESTS" "$SECONDS_LOADED"
((JFR)) || exit 0
for event in jdk.ThreadAllocationStatistics jdk.GarbageCollection; do
  "$JDK_BIN/jfr" print --json --events "$event" "$REC" >"$WORK/$event.json"
done
python3 - "$WORK" "$REQUESTS" <<'PY'
import json, re, sys
work, requests = sys.argv[1], int(sys.argv[2])
def events(name):
    return json.load(open(f"{work}/{name}.json"))["recording"]["events"]
span = {}
for e in events("jdk.ThreadAllocationStatistics"):
    thread = (e["values"]["thread"] or {}).get("javaName") or "?"
    allocated = e["values"]["allocated"]
    low, high = span.get(thread, (allocated, allocated))
    span[thread] = (min(low, allocated), max(high, allocated))
loop = sum(h - l for t, (l, h) in span.items() if "eventloop" in t)
every = sum(h - l for l, h in span.values())
print(f"allocation per request: event loop {loop / requests:.0f} B, all threads {every / requests:.0f} B")
def ms(duration):  # ISO-8601, e.g. PT0.001234S
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", duration)
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
gcs = events("jdk.GarbageCollection")
pauses = sorted(ms(g["values"]["sumOfPauses"]) for g in gcs)
names = {}
for g in gcs:
    names[g["values"]["name"]] = names.get(g["values"]["name"], 0) + 1
if pauses:
    print(f"collections: {len(gcs)} {names}, {len(gcs) / requests * 1e6:.1f} per million requests; "
          f"pauses total {sum(pauses):.1f} ms, median {pauses[len(pauses) // 2]:.2f} ms, max {pauses[-1]:.2f} ms")
else:
    print("collections: none")
PY
echo "top allocation sites (sampled):"
"$JDK_BIN/jfr" view --width 160 allocation-by-site "$REC" 2>/dev/null | sed -n '4,18p' || true
echo "top frames of the CPU samples (all threads):"
"$JDK_BIN/jfr" view --width 160 hot-methods "$REC" 2>/dev/null | sed -n '4,18p' || true
# each sample counted once, for the layer of the frame nearest its top that belongs to one
"$JDK_BIN/jfr" print --json --events jdk.ExecutionSample --stack-depth 64 "$REC" >"$WORK/cpu.json"
python3 - "$WORK/cpu.json" <<'PY'
import collections, json, sys
layers = [("metrics (Micrometer, Quarkus' HTTP server metrics)", ["micrometer"]),
          ("tracing (OpenTelemetry)", ["opentelemetry"]),
          ("Redis client (encode, RESP parse, its futures)", ["io/vertx/redis", "io/quarkus/redis"]),
          ("cache-service code", ["io/perfsuite"]),
          ("HTTP server (codec, headers, router, Quarkus HTTP)",
           ["io/netty/handler/codec/http", "io/vertx/core/http", "io/vertx/ext/web", "io/quarkus/vertx/http"]),
          ("Vert.x futures and contexts", ["io/vertx/core/impl", "io/vertx/core/Future", "io/quarkus/vertx/core"]),
          ("Netty and Vert.x socket I/O", ["io/netty", "io/vertx/core/net"])]
def layer(frames):
    for name in frames:
        for label, marks in layers:
            if any(name.startswith(m) if "/" in m else m in name for m in marks):
                return label
    return "JDK and other (JIT, GC, JFR)"
counts, total = collections.Counter(), 0
for e in json.load(open(sys.argv[1]))["recording"]["events"]:
    frames = [f["method"]["type"]["name"] for f in (e["values"].get("stackTrace") or {}).get("frames", [])]
    if frames:
        total += 1
        counts[layer(frames)] += 1
print(f"CPU samples by layer ({total} samples, each about +-{100 / max(total, 1) ** 0.5:.0f} points):")
for label, n in counts.most_common():
    print(f"  {100 * n / total:5.1f}% {label}")
PY
log "recording kept: $REC"
