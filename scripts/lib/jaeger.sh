# shellcheck shell=bash
# Jaeger v2 for the local infrastructure: built once from the Go module proxy and cached, then
# run with in-memory storage, OTLP receivers and the query API/UI, all on loopback.
# Sourced by infra.sh after log.sh and proc.sh; expects STATE, LOGS, RUN and TIMEOUT.
# shellcheck disable=SC2153 # STATE, LOGS, RUN come from infra.sh

JAEGER_VERSION=${PERFSUITE_JAEGER_VERSION:-v1.75.0}
JAEGER_OTLP_GRPC_PORT=${PERFSUITE_JAEGER_OTLP_GRPC_PORT:-4317}
JAEGER_OTLP_HTTP_PORT=${PERFSUITE_JAEGER_OTLP_HTTP_PORT:-4318}
JAEGER_UI_PORT=${PERFSUITE_JAEGER_UI_PORT:-16686}
JAEGER_HEALTH_PORT=${PERFSUITE_JAEGER_HEALTH_PORT:-13133}
JAEGER_QUERY_GRPC_PORT=${PERFSUITE_JAEGER_QUERY_GRPC_PORT:-$((JAEGER_UI_PORT - 1))}
# The configuration, shared with e2e-tests' JaegerServer: it reads its ports from the environment.
JAEGER_CONFIG=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/jaeger.yaml
# 0 leaves Jaeger out (no Go toolchain, or a collector of your own on 4317)
JAEGER_ENABLED=${PERFSUITE_JAEGER:-1}
# Built tools live apart from the servers' data: `purge` keeps them (a Jaeger build takes minutes).
JAEGER_BIN=$STATE/bin/jaeger-$JAEGER_VERSION/jaeger
JAEGER_DIR=$STATE/jaeger
JAEGER_PIDFILE=$RUN/jaeger.pid

jaeger_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$JAEGER_HEALTH_PORT/status"; }

# build_jaeger: the module's go.mod has replace directives, so `go install pkg@version` refuses it;
# download the module, build its cmd/jaeger as the main module, keep only the binary.
build_jaeger() {
  local dir src start
  command -v go >/dev/null 2>&1 || {
    warn "go not found: Jaeger is skipped (install Go 1.24+, or set PERFSUITE_JAEGER=0 to silence this)"
    return 1
  }
  log "building Jaeger $JAEGER_VERSION from the Go module proxy (once; several minutes; log: $LOGS/jaeger-build.log)"
  start=$SECONDS
  dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/jaegertracing/jaeger@$JAEGER_VERSION" 2>>"$LOGS/jaeger-build.log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n $dir && -d $dir ]] || {
    show_log_tail "$LOGS/jaeger-build.log" 20
    die "could not download github.com/jaegertracing/jaeger@$JAEGER_VERSION"
  }
  src=$STATE/src/jaeger-$JAEGER_VERSION
  rm -rf "$src"
  mkdir -p "$STATE/src" "$(dirname "$JAEGER_BIN")"
  cp -r "$dir" "$src"
  chmod -R u+w "$src"
  if ! (cd "$src" && GOFLAGS=-mod=mod GOTOOLCHAIN=local go build -trimpath -o "$JAEGER_BIN.new" ./cmd/jaeger) \
    >>"$LOGS/jaeger-build.log" 2>&1; then
    show_log_tail "$LOGS/jaeger-build.log" 20
    die "Jaeger build failed (full log: $LOGS/jaeger-build.log)"
  fi
  mv "$JAEGER_BIN.new" "$JAEGER_BIN"
  rm -rf "$src"
  log "Jaeger built in $((SECONDS - start)) s: $JAEGER_BIN"
}

start_jaeger() {
  local pid port
  ((JAEGER_ENABLED)) || {
    log "jaeger skipped (PERFSUITE_JAEGER=0)"
    return 0
  }
  if [[ ! -x $JAEGER_BIN ]]; then
    build_jaeger || return 0
  fi
  mkdir -p "$JAEGER_DIR"
  pid=$(read_pidfile "$JAEGER_PIDFILE")
  if pid_is "$pid" jaeger; then
    wait_until "$TIMEOUT" "jaeger /status" jaeger_ready ||
      fail_running jaeger "$pid" "$JAEGER_HEALTH_PORT" "$LOGS/jaeger.log"
    log "jaeger already running (pid $pid, UI http://127.0.0.1:$JAEGER_UI_PORT)"
    return
  fi
  for port in "$JAEGER_OTLP_GRPC_PORT" "$JAEGER_OTLP_HTTP_PORT" "$JAEGER_UI_PORT" "$JAEGER_HEALTH_PORT"; do
    port_open "$port" && port_taken_error jaeger "$port" "PERFSUITE_JAEGER_*_PORT (or PERFSUITE_JAEGER=0)"
  done
  log "starting jaeger: OTLP 127.0.0.1:$JAEGER_OTLP_GRPC_PORT (gRPC) and :$JAEGER_OTLP_HTTP_PORT (HTTP), UI :$JAEGER_UI_PORT"
  (cd "$JAEGER_DIR" && PERFSUITE_JAEGER_UI_PORT=$JAEGER_UI_PORT PERFSUITE_JAEGER_QUERY_GRPC_PORT=$JAEGER_QUERY_GRPC_PORT \
    PERFSUITE_JAEGER_HEALTH_PORT=$JAEGER_HEALTH_PORT PERFSUITE_JAEGER_OTLP_GRPC_PORT=$JAEGER_OTLP_GRPC_PORT \
    PERFSUITE_JAEGER_OTLP_HTTP_PORT=$JAEGER_OTLP_HTTP_PORT exec setsid "$JAEGER_BIN" --config "$JAEGER_CONFIG" \
    >>"$LOGS/jaeger.log" 2>&1 </dev/null 9>&-) &
  echo "$!" >"$JAEGER_PIDFILE"
  wait_until "$TIMEOUT" "jaeger /status" jaeger_ready || fail_start jaeger "$LOGS/jaeger.log"
  log "jaeger up (pid $(read_pidfile "$JAEGER_PIDFILE")): http://127.0.0.1:$JAEGER_UI_PORT"
}

stop_jaeger() { stop_pidfile jaeger "$JAEGER_PIDFILE" 20; }

# status_jaeger: one status line; returns 1 when it should run and does not.
status_jaeger() {
  local pid state=down extra
  pid=$(read_pidfile "$JAEGER_PIDFILE")
  if pid_is "$pid" jaeger && jaeger_ready 2>/dev/null; then state=up; fi
  if ((!JAEGER_ENABLED)); then
    extra="disabled (PERFSUITE_JAEGER=0)"
  elif [[ ! -x $JAEGER_BIN ]]; then
    extra="not built yet: 'scripts/infra.sh up' builds it"
  else
    extra="otlp=:$JAEGER_OTLP_GRPC_PORT,:$JAEGER_OTLP_HTTP_PORT ui=http://127.0.0.1:$JAEGER_UI_PORT"
  fi
  status_line jaeger "$JAEGER_UI_PORT" "$pid" "$state" "$extra"
  [[ $state == up ]] || ((!JAEGER_ENABLED))
}
