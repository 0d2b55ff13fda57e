#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs one side-by-side benchmark, bench/<name>/run.sh, keeps its output in
# .bench/<name>-<timestamp>.log and checks that it ends with machine-readable
# RATIO/RESULT lines (see bench/README.md), which it summarises.
#
# Usage: scripts/bench.sh              list the benchmarks
#        scripts/bench.sh <name> [args...]
#
# Environment:
#   PERFSUITE_BENCH_TIMEOUT [1800]  hard limit in seconds for one run (0: none);
#                                   run.sh should bound itself well below it
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)
LOG_TAG=bench
# shellcheck source=lib/log.sh
source "$SCRIPT_DIR/lib/log.sh"

BENCH_ROOT=$ROOT/bench
OUT_DIR=$ROOT/.bench
TIMEOUT=${PERFSUITE_BENCH_TIMEOUT:-1800}
RATIO_RE='^RATIO [a-z0-9_.-]+ [0-9.]+$'
RESULT_RE='^RESULT [a-z0-9_.-]+ [0-9.eE+-]+ [^[:space:]]+$'

benchmarks() {
  local run
  for run in "$BENCH_ROOT"/*/run.sh; do
    [[ -f $run ]] && basename "$(dirname "$run")"
  done
  return 0
}

list() {
  local names=()
  mapfile -t names < <(benchmarks)
  if ((${#names[@]} == 0)); then
    echo "no benchmarks yet (each is bench/<name>/run.sh; see bench/README.md)"
  else
    echo "benchmarks (scripts/bench.sh <name>):"
    printf '  %s\n' "${names[@]}"
  fi
}

main() {
  if (($# == 0)); then
    list
    return 0
  fi
  case $1 in
    -h | --help)
      sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
      return 0
      ;;
  esac
  local name=$1
  shift
  if [[ ! $name =~ ^[a-z0-9_.-]+$ || ! -f $BENCH_ROOT/$name/run.sh ]]; then
    list >&2
    die "no benchmark '$name' (expected bench/$name/run.sh)"
  fi

  mkdir -p "$OUT_DIR"
  local logfile rc timeout_cmd=() statuses
  logfile=$OUT_DIR/$name-$(date +%Y%m%d-%H%M%S).log
  # --foreground: run.sh stays in the terminal's process group, so Ctrl-C
  # reaches it and its trap cleans up; on timeout it gets SIGTERM.
  ((TIMEOUT > 0)) && timeout_cmd=(timeout --foreground --kill-after=30 "$TIMEOUT")
  log "running bench/$name/run.sh $* (log: ${logfile#"$ROOT"/})"

  # run.sh runs from the repo root and may read ../shared/data (next to the repo).
  # tee ignores SIGINT so run.sh's cleanup output after a Ctrl-C is still logged
  # (and run.sh does not die of SIGPIPE halfway through its cleanup).
  set +e
  (
    cd "$ROOT" || exit 1
    export PERFSUITE_ROOT=$ROOT BENCH_DIR=$BENCH_ROOT/$name
    "${timeout_cmd[@]}" bash "$BENCH_ROOT/$name/run.sh" "$@"
  ) 2>&1 | (
    trap '' INT
    exec tee "$logfile"
  )
  statuses=("${PIPESTATUS[@]}")
  set -e
  rc=${statuses[0]}
  ((rc == 124)) && warn "bench/$name/run.sh hit the ${TIMEOUT}s limit and was stopped"

  local lines
  lines=$(tr -d '\r' <"$logfile" | grep -E "$RATIO_RE|$RESULT_RE" || true)
  echo
  if [[ -z $lines ]]; then
    log "no 'RATIO <metric> <value>' or 'RESULT <metric> <value> <unit>' line in the output"
  else
    log "summary of bench/$name ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, log ${logfile#"$ROOT"/}):"
    awk '{ if ($1 == "RATIO") printf "  %-6s %-40s %s\n", $1, $2, $3;
           else printf "  %-6s %-40s %s %s\n", $1, $2, $3, $4 }' <<<"$lines"
  fi
  if ((rc != 0)); then
    log "bench/$name/run.sh failed (exit $rc)"
    return "$rc"
  fi
  [[ -n $lines ]]
}

main "$@"
