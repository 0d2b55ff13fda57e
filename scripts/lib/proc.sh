# shellcheck shell=bash
# Processes and ports on loopback. Sourced, not executed.

is_root() { [[ $(id -u) -eq 0 ]]; }

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid_alive PID: PID is a number and that process exists. A zombie (killed
# but not yet reaped, which a container's init can take its time over) is dead.
pid_alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  [[ ${stat##*) } != Z* ]]
}

# pid_gone PID: not even a zombie is left.
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# read_pidfile FILE: prints the pid stored in FILE, or nothing.
read_pidfile() {
  [[ -r $1 ]] && head -n 1 "$1" | tr -dc '0-9'
  return 0
}

# pid_is PID NAME: PID is alive and its command line mentions NAME
# (guards against killing a recycled pid).
pid_is() {
  pid_alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$2"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second
# until it succeeds; returns 1 (after saying what it waited for) on timeout.
wait_until() {
  local timeout=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      printf '[%s] timed out after %ss waiting for %s\n' "${LOG_TAG:-perfsuite}" "$timeout" "$what" >&2
      return 1
    fi
    sleep 0.5
  done
}

# stop_pid PID SECONDS: SIGTERM, wait up to SECONDS, then SIGKILL.
stop_pid() {
  local pid=$1 grace=${2:-20}
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while pid_alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if pid_alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
}

# stop_pidfile NAME PIDFILE SECONDS: stops the server whose pid PIDFILE holds (if it still is NAME,
# not a recycled pid) with stop_pid, and removes the pidfile.
stop_pidfile() {
  local name=$1 pidfile=$2 pid
  pid=$(read_pidfile "$pidfile")
  if ! pid_is "$pid" "$name"; then
    log "$name not running"
    rm -f "$pidfile"
    return
  fi
  stop_pid "$pid" "$3"
  rm -f "$pidfile"
  log "$name stopped"
}
