# Helpers shared by the bench/<name>/run.sh scripts. Source it after defining
# log() (each script prefixes its own lines) and FAILURES=() for fail_part.
# shellcheck shell=bash

in_range() { [[ $1 =~ ^[0-9]+$ ]] && (($1 >= $2 && $1 <= $3)); }

stop_pid() { # stop_pid PID: TERM, wait up to 10 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

need_tool() { # need_tool COMMAND [DEBIAN_PACKAGE]: install with apt when missing and root
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing $pkg (apt)"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -q --no-install-recommends "$pkg" >"$WORK/apt-$pkg.out" 2>&1 ||
      { log "apt-get install $pkg failed: $(tail -n 3 "$WORK/apt-$pkg.out")"; return 1; }
    command -v "$cmd" >/dev/null && return 0
  fi
  log "missing tool: $cmd (Debian package $pkg)"
  return 1
}

# JVM options of the service image (deploy/Dockerfile.jvm): what the UBI OpenJDK image's
# run-java.sh applies by default. A bench starts a service with them, so its numbers are those of
# the JVM as shipped, not of the JDK's own ergonomics (G1 on this 2-core machine).
CONTAINER_JVM_OPTS="-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError"

# Ports a benchmark never takes: the local suite (scripts/infra.sh, run-local.sh) and the defaults
# of the peers, so a bench can run beside a local suite.
USED_PORTS=" 5432 5433 5434 6379 6380 7379 8080 8081 8082 8083 8084 9090 4317 4318 9898 9999 "

# free_port VAR: a free loopback port in 20000-32767, never handed out twice in one run
free_port() {
  local -n port_var=$1
  local i p
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 12768))
    [[ $USED_PORTS == *" $p "* ]] && continue
    if [[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]]; then
      USED_PORTS+="$p "
      # shellcheck disable=SC2034 # a nameref: assigns the caller's variable
      port_var=$p
      return 0
    fi
  done
  log "no free port found after 100 tries"
  return 1
}

# to_ms VALUE: a wrk duration (12.5us, 3.2ms, 1.1s) in milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (match(v, /^[0-9.]+/)) { n = substr(v, 1, RLENGTH); u = substr(v, RLENGTH + 1) } else exit 1
    if (u == "us") f = 0.001; else if (u == "ms") f = 1; else if (u == "s") f = 1000;
    else if (u == "m") f = 60000; else if (u == "h") f = 3600000; else exit 1
    printf "%.3f", n * f }'
}

median() { # median NUMBERS...
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) exit 1
    if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# div A B: A / B with 3 decimals; fails when B is 0
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) exit 1; printf "%.3f", a / b }'; }

fail_part() { FAILURES+=("$1"); log "FAILED: $1"; }

# tail_logs FILE...: the last lines of each non-empty log, for a run that stopped unexpectedly
tail_logs() {
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    log "--- tail of $(basename "$f") ---"
    tail -n 15 "$f" >&2 || true
  done
}

# ---------------------------------------------------------------------------
# The start of every run.sh: a work directory, what it started, and how it is all stopped.
# ---------------------------------------------------------------------------

# bench_init NAME [TAIL_ABOVE]: makes $WORK (readable by other users: PostgreSQL runs as postgres
# under root) and an empty PIDS list, and sets the traps: EXIT runs bench_cleanup, INT and TERM say
# why they stop, USR1 is bench_watchdog's time limit. On an exit status above TAIL_ABOVE (default 1:
# a failed part exits 1 and says so itself) the tails of $WORK's logs are shown first.
# BENCH_CLEANUP_HOOKS: functions bench_cleanup runs once PIDS are stopped (e.g. stopping PostgreSQL);
# BENCH_LOG_GLOBS: the logs to tail, relative to $WORK (default *.log).
bench_init() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-$1.XXXXXX")
  chmod 755 "$WORK"
  BENCH_TAIL_ABOVE=${2:-1}
  PIDS=()
  WATCHDOG_PID=
  BENCH_CLEANUP_HOOKS=()
  BENCH_LOG_GLOBS=('*.log')
  trap bench_cleanup EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
  trap 'log "stopped: time limit of ${BENCH_LIMIT:-?}s reached"; exit 124' USR1
}

# stop_started: stops every process in PIDS, the last started first, and empties the list.
stop_started() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
  PIDS=()
}

bench_cleanup() {
  local status=$? hook glob logs=()
  trap - EXIT
  trap '' INT TERM USR1 # a second Ctrl-C must not cut the cleanup short
  stop_started
  for hook in "${BENCH_CLEANUP_HOOKS[@]}"; do "$hook" || true; done
  if [[ -n $WATCHDOG_PID ]]; then
    kill -TERM "$WATCHDOG_PID" 2>/dev/null || true # it stops its own sleep
    wait "$WATCHDOG_PID" 2>/dev/null || true
  fi
  if ((status > BENCH_TAIL_ABOVE)) && [[ -d $WORK ]]; then
    # an unexpected stop: the last lines of each log usually say why
    # shellcheck disable=SC2206 # the globs are meant to expand here
    for glob in "${BENCH_LOG_GLOBS[@]}"; do logs+=("$WORK"/$glob); done
    tail_logs "${logs[@]}"
  fi
  rm -rf "$WORK"
  exit "$status"
}

# bench_watchdog SECONDS: after SECONDS the run gets USR1 (bench_init's trap: exit 124); bench_cleanup
# stops the watchdog, which then stops its own sleep.
bench_watchdog() {
  local self=$$ limit=$1
  BENCH_LIMIT=$limit
  (
    sleep_pid=
    trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
    sleep "$limit" &
    sleep_pid=$!
    wait "$sleep_pid"
    kill -USR1 "$self" 2>/dev/null
  ) &
  WATCHDOG_PID=$!
}

# need_tools COMMAND...: need_tool for each (command = Debian package); fails on the first missing.
need_tools() {
  local tool
  for tool in "$@"; do need_tool "$tool" || return 1; done
}

# start_redis PORT_VAR: a redis-server without persistence on a free loopback port (in PORT_VAR),
# logging to $WORK/redis.log; its pid goes to PIDS.
start_redis() {
  local -n redis_port_var=$1
  free_port "$1" || return 1
  redis-server --port "$redis_port_var" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
    --logfile "$WORK/redis.log" &
  PIDS+=("$!")
}

# wait_http_ok SECONDS URL: polls URL until it answers 2xx; fails after SECONDS.
wait_http_ok() {
  local deadline=$((SECONDS + $1))
  until curl -fs -o /dev/null --max-time 2 "$2" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------
# Options. A run.sh names the options that take a value in BENCH_OPTIONS, then:
#   usage() { bench_usage 2 18; }
#   while (($#)); do
#     case $1 in
#       --http) HTTP=1; shift ;;                     # its own flags, if any
#       *) bench_option "$@"; shift "$BENCH_SHIFT" ;;
#     esac
#   done
#   check_range --rounds "$ROUNDS" 1 10 --warmup "$WARMUP" 0 60
# ---------------------------------------------------------------------------

# bench_usage FIRST LAST: lines FIRST..LAST of the script's header comment, as its usage; exits 2.
bench_usage() {
  sed -n "$1,$2p" "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# bench_option ARGS...: --build sets BUILD=1; an option named in BENCH_OPTIONS sets the variable of
# its name in capitals (--duration 10: DURATION=10, --only reaction: ONLY=reaction); -h/--help, an
# option without its value and anything else end in usage (exit 2). BENCH_SHIFT: the words it took.
bench_option() {
  local name
  BENCH_SHIFT=1
  case $1 in
    -h | --help) usage ;;
    --build) BUILD=1 ;;
    *)
      if [[ $1 != --* || " ${BENCH_OPTIONS:-} " != *" $1 "* ]]; then
        echo "unknown argument: $1" >&2
        usage
      fi
      (($# >= 2)) || {
        echo "$1 needs a value" >&2
        usage
      }
      name=${1#--}
      name=${name//-/_}
      printf -v "${name^^}" '%s' "$2"
      BENCH_SHIFT=2
      ;;
  esac
}

# check_range OPTION VALUE MIN MAX [OPTION VALUE MIN MAX...]: each VALUE is a whole number in
# MIN..MAX, else a usage error naming its option (exit 2).
check_range() {
  while (($# >= 4)); do
    in_range "$2" "$3" "$4" || {
      echo "$1 must be $3..$4" >&2
      exit 2
    }
    shift 4
  done
}
