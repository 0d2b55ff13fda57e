#!/usr/bin/env bash
# resource-monitor benchmark: anomaly detection scored the NAB way. See README.md beside this file.
#
#   bench/resource-monitor/run.sh [--build] [--no-grid] [--nab DIR] [--timeout S]
#
# 1. NAB scores (standard, reward_low_FP_rate, reward_low_FN_rate) overall and per category for
#    the null, perfect, random, windowed-Gaussian, seasonal-baseline and contextual detectors,
#    every one through the same scorer (NabBench.java, NAB's rules).
# 2. Leave one category out: the detector's settings chosen on the other categories over a
#    small grid, then scored on the one left out (skip with --no-grid).
# 3. Detection throughput of the contextual detector (points/s, one thread, warmed up).
#
# Needs the module's compiled classes (built when missing or with --build) and the NAB data
# (default ../shared/data/nab beside the checkout). Ends with RESULT lines.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/common.sh
log() { printf '[bench resource-monitor] %s\n' "$*" >&2; }
source "$HERE/../lib/common.sh"

BUILD=0
GRID=--grid
NAB=$ROOT/../shared/data/nab
TIMEOUT=900
usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
while (($#)); do
  case $1 in
    --build) BUILD=1 ;;
    --no-grid) GRID= ;;
    --nab) NAB=${2:?--nab needs a directory}; shift ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
  shift
done
in_range "$TIMEOUT" 10 3600 || { echo "--timeout must be 10..3600 seconds" >&2; exit 2; }
[[ -r $NAB/labels/combined_windows.json ]] || { log "NAB data not found under $NAB (labels/combined_windows.json)"; exit 1; }

CLASSES=$ROOT/resource-monitor/target/classes
if ((BUILD)) || [[ ! -r $CLASSES/io/perfsuite/monitor/anomaly/detection/ContextNoveltyDetector.class ]]; then
  log "compiling resource-monitor"
  (cd "$ROOT" && timeout 600 ./mvnw -B -ntp -q -o -pl resource-monitor compile) >&2 || { log "build failed"; exit 1; }
fi

log "load before: $(uptime)"
timeout "$TIMEOUT" java -cp "$CLASSES" "$HERE/NabBench.java" "$NAB" $GRID
rc=$?
log "load after: $(uptime)"
exit $rc
