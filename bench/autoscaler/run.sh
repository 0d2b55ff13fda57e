#!/usr/bin/env bash
# autoscaler benchmark. See README.md beside this file.
#
#   bench/autoscaler/run.sh [--build] [--only backtest|reaction] [--interval S] [--rounds N]
#                           [--startup S] [--timeout S]
#
# 1. backtest: every trace in ../shared/data/traces/ (crane-dsp/*.csv, twitter/rps.txt.gz)
#    replayed through three policies and the reference HPA (Kubernetes HPA v2,
#    default behaviour) on the same series, with pods that take --startup seconds
#    to serve: the default policy (= HPA defaults), the default policy with
#    prediction, and with prediction plus a 120 s scale-down window. Reports
#    under-provisioned minutes and replica-hours; the first 48 h only warm up.
# 2. reaction: a real Prometheus scraping a real endpoint, our controller against
#    fabric8's mock API server: time from the first scraped sample past the target
#    to the scale patch, up and down, --rounds times each, at --interval seconds.
#
# Ends with machine-readable lines:
#   RATIO <metric> <reference HPA / ours, higher is better>
#   RESULT <metric> <value> <unit>
# Exit status: 0 when every selected part measured, 1 when any part failed
# (the parts that worked still print their lines), 2 on bad usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
source "$HERE/../lib/common.sh"
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$ROOT/../shared/data/traces
CLASSES=$ROOT/autoscaler/target/classes
MAIN=io.perfsuite.autoscaler.backtest.BacktestCli

BUILD=0
ONLY=all
INTERVAL=15
ROUNDS=3
STARTUP=60
TIMEOUT=

usage() { bench_usage 2 22; }

BENCH_OPTIONS="--only --interval --rounds --startup --timeout"
while (($#)); do bench_option "$@"; shift "$BENCH_SHIFT"; done
check_range --interval "$INTERVAL" 1 60 --rounds "$ROUNDS" 1 20 --startup "$STARTUP" 0 600
case $ONLY in all | backtest | reaction) ;; *) echo "--only must be backtest or reaction" >&2; exit 2 ;; esac
# about 1 min of backtests, a build of up to 15 min, and the reaction rounds
TIMEOUT=${TIMEOUT:-$((60 + 900 + ROUNDS * 2 * (INTERVAL + 10) + 120))}
check_range --timeout "$TIMEOUT" 10 3600

log() { printf '[bench autoscaler] %s\n' "$*" >&2; }

bench_init autoscaler

deadline=$((SECONDS + TIMEOUT))
remaining() { local r=$((deadline - SECONDS)); ((r > 5)) && echo "$r" || echo 5; }
FAILED=0
LINES=()

echo "# autoscaler benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# settings: pod start-up ${STARTUP}s, evaluation 15s (policy and HPA), target 80 % of capacity per replica,"
echo "#           capacity = p99(demand) / 10, first 48 h warm-up (not scored)"

if ((BUILD)) || [[ ! -d $CLASSES/io/perfsuite/autoscaler/backtest ]]; then
  log "building autoscaler classes"
  (cd "$ROOT" && timeout "$(remaining)" ./mvnw -B -ntp -q -pl autoscaler -am compile >"$WORK/build.log" 2>&1) ||
    { log "build failed: $(tail -n 5 "$WORK/build.log")"; exit 1; }
fi

# ---------------------------------------------------------------------------
# 1. backtests
# ---------------------------------------------------------------------------
backtest() { # backtest NAME ARGS...: prints the CLI's three lines
  timeout "$(remaining)" java -Xmx1g -cp "$CLASSES" "$MAIN" --name "$@" --startup "$STARTUP" --interval 15 \
    --score-from-hours 48
}
field() { # field LINE KEY
  sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"
}

if [[ $ONLY != reaction ]]; then
  if [[ ! -d $DATA ]]; then
    log "no traces at $DATA"
    FAILED=1
  else
    printf '\n%-10s %-6s %-6s | %-22s | %-22s | %-22s | %-22s\n' trace daily daily "reference HPA" "policy (= HPA)" \
      "policy + prediction" "pred. + 120s down-window"
    printf '%-10s %-6s %-6s | %-22s | %-22s | %-22s | %-22s\n' "" acf "acf-lr" "under-min  replica-h" \
      "under-min  replica-h" "under-min  replica-h" "under-min  replica-h"
    daily_ref_under=0 daily_ref_hours=0 daily_pred_under=0 daily_pred_hours=0 daily_best_under=0 daily_best_hours=0
    # the same sums over traces whose daily autocorrelation survives removing the level (acf-lr >= 0.5)
    lr_ref_under=0 lr_ref_hours=0 lr_best_under=0 lr_best_hours=0
    inputs=()
    for f in "$DATA"/crane-dsp/*.csv; do inputs+=("$(basename "$f" .csv)|--csv|$f"); done
    [[ -r $DATA/twitter/rps.txt.gz ]] &&
      inputs+=("twitter|--values|$DATA/twitter/rps.txt.gz|--step-seconds|1|--resample-seconds|15")
    for input in "${inputs[@]}"; do
      IFS='|' read -r -a parts <<<"$input"
      name=${parts[0]}
      args=("${parts[@]:1}")
      if ! plain=$(backtest "$name" "${args[@]}" 2>"$WORK/$name.err") ||
        ! pred=$(backtest "$name" "${args[@]}" --prediction 2>>"$WORK/$name.err") ||
        ! best=$(backtest "$name" "${args[@]}" --prediction --predicting-scale-down-window 120 2>>"$WORK/$name.err"); then
        log "backtest $name failed: $(tail -n 3 "$WORK/$name.err")"
        FAILED=1
        continue
      fi
      ref=$(grep " reference " <<<"$plain")
      acf=$(field "$(grep " compare " <<<"$plain")" daily_acf)
      acf_lr=$(field "$(grep " compare " <<<"$plain")" daily_acf_level_removed)
      ours_plain=$(grep " policy " <<<"$plain")
      ours_pred=$(grep " policy " <<<"$pred")
      ours_best=$(grep " policy " <<<"$best")
      printf '%-10s %-6s %-6s | %9s %11s | %9s %11s | %9s %11s | %9s %11s\n' "$name" "$acf" "$acf_lr" \
        "$(field "$ref" under_minutes)" "$(field "$ref" replica_hours)" \
        "$(field "$ours_plain" under_minutes)" "$(field "$ours_plain" replica_hours)" \
        "$(field "$ours_pred" under_minutes)" "$(field "$ours_pred" replica_hours)" \
        "$(field "$ours_best" under_minutes)" "$(field "$ours_best" replica_hours)"
      LINES+=("RESULT ${name}_hpa_under_provisioned $(field "$ref" under_minutes) min")
      LINES+=("RESULT ${name}_hpa_replica_hours $(field "$ref" replica_hours) h")
      LINES+=("RESULT ${name}_prediction_under_provisioned $(field "$ours_best" under_minutes) min")
      LINES+=("RESULT ${name}_prediction_replica_hours $(field "$ours_best" replica_hours) h")
      # a daily pattern is what the forecaster itself would call one: autocorrelation at one day >= 0.5
      if awk -v a="$acf" 'BEGIN { exit !(a >= 0.5) }'; then
        daily_ref_under=$(awk -v a="$daily_ref_under" -v b="$(field "$ref" under_minutes)" 'BEGIN { print a + b }')
        daily_ref_hours=$(awk -v a="$daily_ref_hours" -v b="$(field "$ref" replica_hours)" 'BEGIN { print a + b }')
        daily_pred_under=$(awk -v a="$daily_pred_under" -v b="$(field "$ours_pred" under_minutes)" 'BEGIN { print a + b }')
        daily_pred_hours=$(awk -v a="$daily_pred_hours" -v b="$(field "$ours_pred" replica_hours)" 'BEGIN { print a + b }')
        daily_best_under=$(awk -v a="$daily_best_under" -v b="$(field "$ours_best" under_minutes)" 'BEGIN { print a + b }')
        daily_best_hours=$(awk -v a="$daily_best_hours" -v b="$(field "$ours_best" replica_hours)" 'BEGIN { print a + b }')
      fi
      if awk -v a="$acf_lr" 'BEGIN { exit !(a >= 0.5) }'; then
        lr_ref_under=$(awk -v a="$lr_ref_under" -v b="$(field "$ref" under_minutes)" 'BEGIN { print a + b }')
        lr_ref_hours=$(awk -v a="$lr_ref_hours" -v b="$(field "$ref" replica_hours)" 'BEGIN { print a + b }')
        lr_best_under=$(awk -v a="$lr_best_under" -v b="$(field "$ours_best" under_minutes)" 'BEGIN { print a + b }')
        lr_best_hours=$(awk -v a="$lr_best_hours" -v b="$(field "$ours_best" replica_hours)" 'BEGIN { print a + b }')
      fi
    done
    if awk -v h="$daily_ref_hours" 'BEGIN { exit !(h > 0) }'; then
      echo
      echo "daily-pattern traces (daily acf >= 0.5), summed:"
      awk -v ru="$daily_ref_under" -v rh="$daily_ref_hours" -v pu="$daily_pred_under" -v ph="$daily_pred_hours" \
        -v bu="$daily_best_under" -v bh="$daily_best_hours" 'BEGIN {
          printf "  reference HPA                 %8.1f under-provisioned min  %9.1f replica-h\n", ru, rh
          printf "  policy + prediction           %8.1f (%5.1f %% fewer)        %9.1f (x%.3f)\n", pu, 100 * (1 - pu / ru), ph, ph / rh
          printf "  prediction + 120s down-window %8.1f (%5.1f %% fewer)        %9.1f (x%.3f)\n", bu, 100 * (1 - bu / ru), bh, bh / rh
        }'
      if awk -v h="$lr_ref_hours" 'BEGIN { exit !(h > 0) }'; then
        echo "daily pattern without its level (acf-lr >= 0.5), summed:"
        awk -v ru="$lr_ref_under" -v rh="$lr_ref_hours" -v bu="$lr_best_under" -v bh="$lr_best_hours" 'BEGIN {
          printf "  reference HPA                 %8.1f under-provisioned min  %9.1f replica-h\n", ru, rh
          printf "  prediction + 120s down-window %8.1f (%5.1f %% fewer)        %9.1f (x%.3f)\n", bu, 100 * (1 - bu / ru), bh, bh / rh
        }'
        LINES+=("$(awk -v ru="$lr_ref_under" -v bu="$lr_best_under" 'BEGIN { printf "RESULT daily_level_removed_under_provisioned_reduction %.1f %%", 100 * (1 - bu / ru) }')")
      fi
      LINES+=("$(awk -v ru="$daily_ref_under" -v bu="$daily_best_under" 'BEGIN { printf "RATIO daily_under_provisioned_vs_hpa %.3f", (ru + 1) / (bu + 1) }')")
      LINES+=("$(awk -v rh="$daily_ref_hours" -v bh="$daily_best_hours" 'BEGIN { printf "RATIO daily_replica_hours_vs_hpa %.3f", rh / bh }')")
      LINES+=("$(awk -v ru="$daily_ref_under" -v bu="$daily_best_under" 'BEGIN { printf "RESULT daily_under_provisioned_reduction %.1f %%", 100 * (1 - bu / ru) }')")
    fi
  fi
fi

# ---------------------------------------------------------------------------
# 2. reaction time
# ---------------------------------------------------------------------------
if [[ $ONLY != backtest ]]; then
  log "reaction: ${ROUNDS} rounds up and down at a ${INTERVAL}s evaluation interval (builds the module first)"
  out=$WORK/reaction.txt
  : >"$out"
  if (cd "$ROOT" && timeout "$(remaining)" ./mvnw -B -ntp -pl autoscaler -am verify -DskipITs \
    -Dtest=ReactionTimeBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.interval="$INTERVAL" \
    -Dbench.rounds="$ROUNDS" -Dbench.out="$out" >"$WORK/reaction.log" 2>&1) && [[ -s $out ]]; then
    echo
    echo "reaction from the first scraped sample past the target to the scale patch (interval ${INTERVAL}s):"
    sed 's/^REACTION_MS /  ms: /' "$out"
    LINES+=("$(sort -n -k2 "$out" | awk '{ v[NR] = $2 } END { printf "RESULT reaction_p50 %d ms", v[int((NR + 1) / 2)] }')")
    LINES+=("$(sort -n -k2 "$out" | awk '{ v[NR] = $2 } END { printf "RESULT reaction_max %d ms", v[NR] }')")
    LINES+=("$(sort -n -k2 "$out" | awk -v i="$INTERVAL" '{ v[NR] = $2 } END { printf "RATIO reaction_goal_vs_max %.3f", (i * 1000 + 2000) / v[NR] }')")
  else
    log "reaction bench failed: $(grep -E 'ERROR|FAIL' "$WORK/reaction.log" | head -n 5)"
    FAILED=1
  fi
fi

echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for line in "${LINES[@]}"; do
  echo "$line"
done
exit "$FAILED"
