#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local infrastructure for perfsuite on loopback, without containers:
#   Redis (6380), PostgreSQL primary (5433) + one streaming replica (5434),
#   Prometheus (9090) scraping itself and the five services' /q/metrics,
#   Jaeger v2 (OTLP 4317 gRPC / 4318 HTTP, UI and query API 16686, in memory),
#   built once from the Go module proxy into .infra/bin/.
# State (data, logs, pidfiles, generated configs) lives in <repo>/.infra/.
#
# Usage: scripts/infra.sh up | down [--purge] | purge | status | install
#   install only checks for (and as root installs) redis, postgresql and prometheus,
#   and chromium + chromium-driver (resource-monitor's dashboard test drives a headless browser).
#   purge deletes the servers' state but keeps .infra/bin/ (the built Jaeger).
#
# Environment (defaults in brackets):
#   PERFSUITE_REDIS_PORT [6380]        PERFSUITE_PG_PRIMARY_PORT [5433]
#   PERFSUITE_PG_REPLICA_PORT [5434]   PERFSUITE_PROMETHEUS_PORT [9090]
#   PERFSUITE_PG_PASSWORD [perfsuite]  password of role `perfsuite`
#   PERFSUITE_PG_REPLICATOR_PASSWORD [replicator]
#   PERFSUITE_PG_BIN [/usr/lib/postgresql/15/bin]
#   PERFSUITE_INFRA_TIMEOUT [60]       seconds to wait for each component
#   PERFSUITE_JAEGER [1]               0: no Jaeger (no Go toolchain, or your own collector)
#   PERFSUITE_JAEGER_OTLP_GRPC_PORT [4317]  PERFSUITE_JAEGER_OTLP_HTTP_PORT [4318]
#   PERFSUITE_JAEGER_UI_PORT [16686]   PERFSUITE_JAEGER_HEALTH_PORT [13133]
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)
LOG_TAG=infra
# shellcheck source=lib/log.sh
source "$SCRIPT_DIR/lib/log.sh"
# shellcheck source=lib/proc.sh
source "$SCRIPT_DIR/lib/proc.sh"
# shellcheck source=lib/services.sh
source "$SCRIPT_DIR/lib/services.sh"

REDIS_PORT=${PERFSUITE_REDIS_PORT:-6380}
PG_PRIMARY_PORT=${PERFSUITE_PG_PRIMARY_PORT:-5433}
PG_REPLICA_PORT=${PERFSUITE_PG_REPLICA_PORT:-5434}
PROM_PORT=${PERFSUITE_PROMETHEUS_PORT:-9090}
PG_PASSWORD=${PERFSUITE_PG_PASSWORD:-perfsuite}
REPL_PASSWORD=${PERFSUITE_PG_REPLICATOR_PASSWORD:-replicator}
TIMEOUT=${PERFSUITE_INFRA_TIMEOUT:-60}

STATE=$ROOT/.infra
LOGS=$STATE/logs
RUN=$STATE/run
PG_SOCK=$RUN/pg
REDIS_DIR=$STATE/redis
PG_PRIMARY_DIR=$STATE/pg-primary
PG_REPLICA_DIR=$STATE/pg-replica
PROM_DIR=$STATE/prometheus
REDIS_PIDFILE=$RUN/redis.pid
PROM_PIDFILE=$RUN/prometheus.pid
SLOT=perfsuite_replica
# The OS user that owns the PostgreSQL data dirs: initdb/postgres refuse root.
PG_OS_USER=$(if is_root; then echo postgres; else id -un; fi)
PG_BIN=
# shellcheck source=lib/jaeger.sh
source "$SCRIPT_DIR/lib/jaeger.sh"

usage() {
  sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------- tools

find_pg_bin() {
  local dir others=()
  if [[ -n ${PERFSUITE_PG_BIN:-} ]]; then
    PG_BIN=$PERFSUITE_PG_BIN
    return
  fi
  # Prefer 15 (what the suite is tested with), else the newest installed.
  mapfile -t others < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  for dir in /usr/lib/postgresql/15/bin "${others[@]}"; do
    if [[ -x $dir/initdb ]]; then
      PG_BIN=$dir
      return
    fi
  done
  if command -v initdb >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(command -v initdb)")
  fi
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$LOGS/apt.log" 2>&1
}

install_packages() {
  local pkgs=("$@") i
  log "installing missing packages: ${pkgs[*]} (log: $LOGS/apt.log)"
  apt_install "${pkgs[@]}" && return 0
  log "apt-get install failed; running apt-get update and retrying"
  apt-get update >>"$LOGS/apt.log" 2>&1 || true
  apt_install "${pkgs[@]}" && return 0
  # A release without postgresql-15: take its default PostgreSQL instead.
  for i in "${!pkgs[@]}"; do
    [[ ${pkgs[$i]} == postgresql-15 ]] && pkgs[i]=postgresql
  done
  apt_install "${pkgs[@]}" && return 0
  show_log_tail "$LOGS/apt.log" 20
  die "could not install: ${pkgs[*]}"
}

ensure_tools() {
  local missing=() pkgs=() bin
  local -A pkg_of=([redis-server]=redis-server [redis-cli]=redis-tools
    [prometheus]=prometheus [promtool]=prometheus [curl]=curl [flock]=util-linux
    [chromium]=chromium [chromedriver]=chromium-driver)
  for bin in redis-server redis-cli prometheus promtool curl flock chromium chromedriver; do
    if ! command -v "$bin" >/dev/null 2>&1; then
      missing+=("$bin")
      [[ " ${pkgs[*]} " == *" ${pkg_of[$bin]} "* ]] || pkgs+=("${pkg_of[$bin]}")
    fi
  done
  find_pg_bin
  if [[ -z $PG_BIN || ! -x $PG_BIN/pg_basebackup ]]; then
    missing+=("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup)")
    pkgs+=(postgresql-15)
  fi
  ((${#missing[@]} == 0)) && return 0
  if ! is_root; then
    printf '[infra] missing: %s\n' "${missing[@]}" >&2
    printf '[infra] install them with:\n    sudo apt-get install -y %s\n' "${pkgs[*]}" >&2
    exit 1
  fi
  install_packages "${pkgs[@]}"
  find_pg_bin
  [[ -n $PG_BIN && -x $PG_BIN/pg_basebackup ]] || die "PostgreSQL binaries still not found after install"
  for bin in redis-server redis-cli prometheus promtool curl chromium chromedriver; do
    command -v "$bin" >/dev/null 2>&1 || die "$bin still missing after install"
  done
}

# ---------------------------------------------------------------- helpers

# run_pg CMD...: runs a PostgreSQL binary as the data dirs' owner, from a
# directory that user can read (postgres cannot read /root).
run_pg() {
  if is_root; then
    (cd "$STATE" && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd "$STATE" && "$@")
  fi
}

# own PATH...: hands paths to the PostgreSQL OS user (no-op when not root).
own() {
  if is_root; then
    chown -R "$PG_OS_USER:" "$@"
  fi
}

# psql_on PORT ARGS...: superuser psql over the private unix socket.
psql_on() {
  local port=$1
  shift
  run_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$port" -U postgres -d postgres "$@"
}

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

pg_running() { pid_is "$(pg_pid "$1")" postgres; }
pg_ready() { [[ -n $PG_BIN ]] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2; }
pg_pid() {
  if [[ -r $1/postmaster.pid ]]; then head -n 1 "$1/postmaster.pid"; fi
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" PING 2>/dev/null) == PONG ]]; }
prom_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PROM_PORT/-/ready"; }

replica_in_recovery() { [[ $(psql_on "$PG_REPLICA_PORT" -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null) == t ]]; }

# One row "state lag_bytes replay_lag" for the walsender serving our slot.
replication_row() {
  psql_on "$PG_PRIMARY_PORT" -At -F ' ' -c "
    SELECT r.state,
           pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint,
           COALESCE(r.replay_lag::text, 'null')
    FROM pg_stat_replication r
    JOIN pg_replication_slots s ON s.active_pid = r.pid
    WHERE s.slot_name = '$SLOT'" 2>/dev/null
}
replica_streaming() { [[ $(replication_row) == streaming\ * ]]; }
replica_healthy() { replica_in_recovery && replica_streaming; }

port_taken_error() {
  local name=$1 port=$2 env=$3
  warn "port $port (for $name) is already used by another process:"
  ss -ltnp "sport = :$port" 2>/dev/null | tail -n +2 | sed 's/^/    /' >&2 || true
  die "stop that process or choose another port with $env=<port>"
}

fail_start() {
  local name=$1 logfile=$2
  show_log_tail "$logfile"
  die "$name did not start (full log: $logfile)"
}

# A component we started earlier runs but does not answer where expected.
fail_running() {
  local name=$1 pid=$2 port=$3 logfile=$4
  show_log_tail "$logfile" 20
  die "$name is running (pid $pid) but does not answer on 127.0.0.1:$port; if you changed its port, run 'scripts/infra.sh down' first"
}

prepare_state() {
  mkdir -p "$LOGS" "$RUN" "$REDIS_DIR" "$PROM_DIR" "$PG_SOCK"
  chmod 700 "$PG_SOCK"
  touch "$LOGS/pg-primary.log" "$LOGS/pg-replica.log"
  own "$PG_SOCK" "$LOGS/pg-primary.log" "$LOGS/pg-replica.log"
  if is_root && ! runuser -u "$PG_OS_USER" -- test -x "$PG_SOCK"; then
    die "OS user $PG_OS_USER cannot reach $STATE (a parent directory is not searchable by others); chmod o+x the parents or move the repo"
  fi
  # Unix socket paths are limited to ~107 bytes.
  if ((${#PG_SOCK} + 16 > 107)); then
    die "socket dir path too long for a unix socket: $PG_SOCK (move the repo to a shorter path)"
  fi
}

# ---------------------------------------------------------------- redis

start_redis() {
  local pid
  pid=$(read_pidfile "$REDIS_PIDFILE")
  if pid_is "$pid" redis-server; then
    wait_until "$TIMEOUT" "redis PING on :$REDIS_PORT" redis_ping ||
      fail_running redis "$pid" "$REDIS_PORT" "$LOGS/redis.log"
    log "redis already running (pid $pid, port $REDIS_PORT)"
    return
  fi
  port_open "$REDIS_PORT" && port_taken_error redis "$REDIS_PORT" PERFSUITE_REDIS_PORT
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  # No persistence: the cache is disposable, and snapshots would only add noise.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" --logfile "$LOGS/redis.log" \
    --save '' --appendonly no >"$LOGS/redis-start.log" 2>&1 9>&- || fail_start redis "$LOGS/redis-start.log"
  wait_until "$TIMEOUT" "redis PING on :$REDIS_PORT" redis_ping || fail_start redis "$LOGS/redis.log"
  log "redis up (pid $(read_pidfile "$REDIS_PIDFILE"))"
}

stop_redis() {
  local pid
  pid=$(read_pidfile "$REDIS_PIDFILE")
  if ! pid_is "$pid" redis-server; then
    log "redis not running"
    rm -f "$REDIS_PIDFILE"
    return
  fi
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  local deadline=$((SECONDS + 10))
  while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  stop_pid "$pid" 10
  rm -f "$REDIS_PIDFILE"
  log "redis stopped"
}

# ---------------------------------------------------------------- postgres

# write_pg_conf DIR PORT NAME: settings owned by this script, rewritten on
# every `up` (postgresql.conf includes the file), so port changes apply.
write_pg_conf() {
  local dir=$1 port=$2 name=$3
  cat >"$dir/perfsuite.conf" <<EOF
# Generated by scripts/infra.sh on every 'up'; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = $(sql_literal "$PG_SOCK")
unix_socket_permissions = 0700
cluster_name = '$name'
max_connections = 200
shared_buffers = 128MB
password_encryption = scram-sha-256
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
hot_standby_feedback = on
wal_receiver_status_interval = 1s
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  own "$dir/perfsuite.conf"
}

init_primary() {
  local tmp=$PG_PRIMARY_DIR.initdb
  log "initialising PostgreSQL primary in $PG_PRIMARY_DIR"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  chmod 700 "$tmp"
  own "$tmp"
  run_pg "$PG_BIN/initdb" -D "$tmp" -U postgres --encoding=UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/pg-initdb.log" 2>&1 ||
    fail_start "initdb" "$LOGS/pg-initdb.log"
  echo "include_if_exists = 'perfsuite.conf'" >>"$tmp/postgresql.conf"
  # Local socket: trust, but the socket dir and socket are private (0700).
  cat >"$tmp/pg_hba.conf" <<'EOF'
# Generated by scripts/infra.sh.
# TYPE  DATABASE     USER        ADDRESS        METHOD
local   all          all                        trust
host    all          all         127.0.0.1/32   scram-sha-256
host    all          all         ::1/128        scram-sha-256
host    replication  replicator  127.0.0.1/32   scram-sha-256
host    replication  replicator  ::1/128        scram-sha-256
EOF
  own "$tmp"
  # Renamed only when complete, so an interrupted initdb is redone next time.
  mv "$tmp" "$PG_PRIMARY_DIR"
}

primary_complete() { [[ -f $PG_PRIMARY_DIR/PG_VERSION && -f $PG_PRIMARY_DIR/global/pg_control ]]; }

# start_pg NAME DIR PORT ENVVAR: starts a cluster unless it already runs.
start_pg() {
  local name=$1 dir=$2 port=$3 env=$4
  if pg_running "$dir"; then
    wait_until "$TIMEOUT" "$name accepting connections on :$port" pg_ready "$port" ||
      fail_running "$name" "$(pg_pid "$dir")" "$port" "$LOGS/$name.log"
    log "$name already running (pid $(pg_pid "$dir"), port $port)"
    return
  fi
  port_open "$port" && port_taken_error "$name" "$port" "$env"
  # After a crash the old postmaster may linger as a zombie until init reaps
  # it, and postgres refuses to start while that pid still exists.
  local old_pid
  old_pid=$(pg_pid "$dir")
  if [[ -n $old_pid ]]; then
    wait_until 30 "crashed $name (pid $old_pid) to be reaped" pid_gone "$old_pid" || true
  fi
  write_pg_conf "$dir" "$port" "perfsuite-${name#pg-}"
  log "starting $name on 127.0.0.1:$port"
  # setsid: a Ctrl-C in the terminal that ran us must not reach the server.
  run_pg setsid "$PG_BIN/pg_ctl" start -D "$dir" -l "$LOGS/$name.log" -w -t "$TIMEOUT" -s 9>&- ||
    fail_start "$name" "$LOGS/$name.log"
  wait_until "$TIMEOUT" "$name accepting connections on :$port" pg_ready "$port" ||
    fail_start "$name" "$LOGS/$name.log"
  log "$name up (pid $(pg_pid "$dir"))"
}

stop_pg() {
  local name=$1 dir=$2
  if ! pg_running "$dir"; then
    log "$name not running"
    return
  fi
  run_pg "$PG_BIN/pg_ctl" stop -D "$dir" -m fast -w -t "$TIMEOUT" -s ||
    fail_start "$name (stop)" "$LOGS/$name.log"
  log "$name stopped"
}

# Idempotent: roles, database and slot; passwords follow the environment.
bootstrap_primary() {
  psql_on "$PG_PRIMARY_PORT" >/dev/null <<EOF
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'perfsuite') THEN
    CREATE ROLE perfsuite LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'replicator') THEN
    CREATE ROLE replicator LOGIN REPLICATION;
  END IF;
END
\$\$;
ALTER ROLE perfsuite WITH LOGIN PASSWORD $(sql_literal "$PG_PASSWORD");
-- query-router reads replay lag and the timeline (pg_last_wal_replay_lsn, pg_control_checkpoint)
GRANT pg_monitor TO perfsuite;
ALTER ROLE replicator WITH LOGIN REPLICATION PASSWORD $(sql_literal "$REPL_PASSWORD");
SELECT 'CREATE DATABASE perfsuite OWNER perfsuite'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'perfsuite')\gexec
SELECT pg_create_physical_replication_slot('$SLOT')
WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = '$SLOT');
EOF
}

sysid() {
  run_pg "$PG_BIN/pg_controldata" -D "$1" 2>/dev/null | awk -F: '/Database system identifier/ { gsub(/ /, "", $2); print $2 }'
}

# Prints why the replica data dir cannot be used as is; nothing if it can.
replica_problem() {
  local d=$PG_REPLICA_DIR
  if [[ ! -d $d ]]; then
    echo "no replica yet"
  elif [[ ! -f $d/PG_VERSION || ! -f $d/global/pg_control || ! -f $d/standby.signal ]]; then
    echo "replica data dir is incomplete"
  elif ! grep -Eq "port=${PG_PRIMARY_PORT}[ ']" "$d/postgresql.auto.conf" 2>/dev/null; then
    echo "replica follows another primary port"
  elif [[ $(sysid "$d") != "$(sysid "$PG_PRIMARY_DIR")" ]]; then
    echo "replica was cloned from an older primary"
  fi
}

build_replica() {
  local tmp=$PG_REPLICA_DIR.basebackup
  rm -rf "$tmp" "$PG_REPLICA_DIR"
  mkdir -p "$tmp"
  chmod 700 "$tmp"
  own "$tmp"
  log "cloning replica with pg_basebackup from :$PG_PRIMARY_PORT (slot $SLOT)"
  # -R writes standby.signal and primary_conninfo (with the password from
  # PGPASSWORD) + primary_slot_name; the slot keeps WAL the replica still needs.
  PGPASSWORD=$REPL_PASSWORD run_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" \
    -U replicator -D "$tmp" -X stream -S "$SLOT" -R -c fast -w >"$LOGS/pg-basebackup.log" 2>&1 ||
    fail_start "pg_basebackup" "$LOGS/pg-basebackup.log"
  mv "$tmp" "$PG_REPLICA_DIR"
}

start_replica() {
  local problem attempt
  for attempt in 1 2; do
    if ! pg_running "$PG_REPLICA_DIR"; then
      problem=$(replica_problem)
      if [[ -n $problem ]]; then
        log "$problem: (re)building the replica"
        build_replica
      fi
    fi
    start_pg pg-replica "$PG_REPLICA_DIR" "$PG_REPLICA_PORT" PERFSUITE_PG_REPLICA_PORT
    if wait_until "$TIMEOUT" "replica in recovery and streaming" replica_healthy; then
      log "replica streaming from primary ($(replication_row))"
      return
    fi
    if ((attempt == 1)); then
      warn "replica is up but not streaming; rebuilding it once"
      stop_pg pg-replica "$PG_REPLICA_DIR"
      rm -rf "$PG_REPLICA_DIR"
    fi
  done
  show_log_tail "$LOGS/pg-replica.log"
  die "replica does not stream from the primary (logs: $LOGS/pg-replica.log, $LOGS/pg-primary.log)"
}

start_postgres() {
  if ! pg_running "$PG_PRIMARY_DIR" && ! primary_complete; then
    rm -rf "$PG_PRIMARY_DIR"
    init_primary
  fi
  start_pg pg-primary "$PG_PRIMARY_DIR" "$PG_PRIMARY_PORT" PERFSUITE_PG_PRIMARY_PORT
  bootstrap_primary || die "could not create roles/database/slot on the primary"
  start_replica
}

# ---------------------------------------------------------------- prometheus

prometheus_config() {
  local svc
  cat <<EOF
# Generated by scripts/infra.sh on every 'up'.
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$PROM_PORT']
EOF
  for svc in "${SUITE_SERVICES[@]}"; do
    cat <<EOF
  - job_name: $svc
    metrics_path: /q/metrics
    static_configs:
      - targets: ['127.0.0.1:$(metrics_port "$svc")']
        labels:
          service: $svc
EOF
  done
}

start_prometheus() {
  local cfg=$PROM_DIR/prometheus.yml pid
  prometheus_config >"$cfg.new"
  promtool check config "$cfg.new" >"$LOGS/promtool.log" 2>&1 ||
    fail_start "prometheus (promtool check config)" "$LOGS/promtool.log"
  pid=$(read_pidfile "$PROM_PIDFILE")
  if pid_is "$pid" prometheus; then
    if ! cmp -s "$cfg.new" "$cfg"; then
      mv "$cfg.new" "$cfg"
      log "prometheus config changed: reloading"
      curl -fsS -X POST "http://127.0.0.1:$PROM_PORT/-/reload" >/dev/null || warn "prometheus reload failed"
    else
      rm -f "$cfg.new"
    fi
    wait_until "$TIMEOUT" "prometheus /-/ready" prom_ready ||
      fail_running prometheus "$pid" "$PROM_PORT" "$LOGS/prometheus.log"
    log "prometheus already running (pid $pid, port $PROM_PORT)"
    return
  fi
  mv "$cfg.new" "$cfg"
  port_open "$PROM_PORT" && port_taken_error prometheus "$PROM_PORT" PERFSUITE_PROMETHEUS_PORT
  log "starting prometheus on 127.0.0.1:$PROM_PORT"
  setsid prometheus --config.file="$cfg" --storage.tsdb.path="$PROM_DIR/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --web.enable-lifecycle \
    >>"$LOGS/prometheus.log" 2>&1 </dev/null 9>&- &
  echo "$!" >"$PROM_PIDFILE"
  wait_until "$TIMEOUT" "prometheus /-/ready" prom_ready || fail_start prometheus "$LOGS/prometheus.log"
  log "prometheus up (pid $(read_pidfile "$PROM_PIDFILE"))"
}

stop_prometheus() { stop_pidfile prometheus "$PROM_PIDFILE" 30; }

# ---------------------------------------------------------------- commands

# Serialises up/down/purge. Servers must not inherit fd 9 (started with 9>&-),
# or they would hold the lock for as long as they run.
take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w "$TIMEOUT" 9 || die "another scripts/infra.sh is running on $STATE"
}

cmd_up() {
  mkdir -p "$LOGS"
  ensure_tools
  take_lock
  prepare_state
  start_redis
  start_postgres
  start_prometheus
  start_jaeger
  log "infrastructure up (state in $STATE); 'scripts/infra.sh status' for details"
}

cmd_down() {
  if [[ ! -d $STATE ]]; then
    log "nothing to stop ($STATE does not exist)"
    return
  fi
  find_pg_bin
  take_lock
  stop_jaeger
  stop_prometheus
  stop_pg pg-replica "$PG_REPLICA_DIR"
  stop_pg pg-primary "$PG_PRIMARY_DIR"
  stop_redis
}

cmd_purge() {
  cmd_down
  # Guard the rm: STATE must be exactly <repo>/.infra.
  [[ $STATE == "$ROOT/.infra" && -n $ROOT ]] || die "refusing to delete $STATE"
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name bin -exec rm -rf -- {} +
  log "deleted the state in $STATE (kept $STATE/bin)"
}

status_line() {
  local pid=$3
  pid_alive "$pid" || pid=-
  printf '%-11s 127.0.0.1:%-5s pid %-8s %-4s %s\n' "$1" "$2" "$pid" "$4" "${5:-}"
}

cmd_status() {
  local ok=0 pid state extra row r_state r_bytes r_lag
  find_pg_bin

  pid=$(read_pidfile "$REDIS_PIDFILE")
  if pid_is "$pid" redis-server && redis_ping; then state=up; else state=down ok=1; fi
  status_line redis "$REDIS_PORT" "$pid" "$state"

  pid=$(pg_pid "$PG_PRIMARY_DIR")
  if pid_alive "$pid" && pg_ready "$PG_PRIMARY_PORT"; then state=up; else state=down ok=1; fi
  status_line pg-primary "$PG_PRIMARY_PORT" "$pid" "$state"

  pid=$(pg_pid "$PG_REPLICA_DIR")
  extra=
  if pid_alive "$pid" && pg_ready "$PG_REPLICA_PORT"; then
    state=up
    row=$(replication_row || true)
    if [[ -n $row ]]; then
      read -r r_state r_bytes r_lag <<<"$row"
      extra="replication=$r_state lag_bytes=$r_bytes replay_lag=$r_lag"
      [[ $r_state == streaming ]] || ok=1
    else
      extra="replication=not-connected"
      ok=1
    fi
  else
    state=down ok=1
  fi
  status_line pg-replica "$PG_REPLICA_PORT" "$pid" "$state" "$extra"

  pid=$(read_pidfile "$PROM_PIDFILE")
  if pid_is "$pid" prometheus && prom_ready 2>/dev/null; then state=up; else state=down ok=1; fi
  status_line prometheus "$PROM_PORT" "$pid" "$state"

  status_jaeger || ok=1

  ((ok == 0)) || return 3
}

main() {
  case ${1:-} in
    up) cmd_up ;;
    down)
      case ${2:-} in
        '') cmd_down ;;
        --purge) cmd_purge ;;
        *) die "unknown option for down: $2 (only --purge)" ;;
      esac
      ;;
    purge) cmd_purge ;;
    install)
      # what the test resources need too: scripts/test.sh calls this
      mkdir -p "$LOGS"
      ensure_tools
      log "redis, postgresql ($PG_BIN), prometheus and chromium are installed"
      ;;
    status)
      local rc=0
      cmd_status || rc=$?
      exit "$rc"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
