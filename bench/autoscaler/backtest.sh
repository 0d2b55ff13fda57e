#!/usr/bin/env bash
# Backtest the default policy (optionally with prediction) against the reference HPA on a CSV
# (ts,value with unix seconds) and draw demand and ready capacity as an SVG.
#
#   bench/autoscaler/backtest.sh FILE.csv [OUT.svg] [BacktestCli options, e.g. --prediction --startup 90]
#
# Builds the autoscaler classes when they are missing. All options: java ... BacktestCli --help.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLASSES=$ROOT/autoscaler/target/classes
csv=${1:?usage: backtest.sh FILE.csv [OUT.svg] [options]}
shift
svg=backtest.svg
if [[ ${1:-} == *.svg ]]; then
  svg=$1
  shift
fi
if [[ ! -d $CLASSES/io/perfsuite/autoscaler/backtest ]]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl autoscaler -am compile)
fi
java -cp "$CLASSES" io.perfsuite.autoscaler.backtest.BacktestCli --csv "$csv" --svg "$svg" \
  --name "$(basename "$csv" .csv)" "$@"
echo "chart: $svg"
