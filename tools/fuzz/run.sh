#!/usr/bin/env bash
# Runs the MicroRuntime fuzzer for SECONDS (default 60), seeded with every fixture model, and prints
# executions and coverage. Crashes, leaks and timeouts land in .build-fuzz/artifacts/ and make the
# script exit non-zero; turn each into a regression model (Tests/Fixtures/malicious/).
#   tools/fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
#   FUZZ_NO_BUILD=1 reuses an existing .build-fuzz/fuzz-mote.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-60}
shift || true
BIN=${FUZZ_OUT:-.build-fuzz/fuzz-mote}   # FUZZ_OUT / FUZZ_OPT are passed on to build.sh
if [[ -z "${FUZZ_NO_BUILD:-}" || ! -x $BIN ]]; then
  tools/fuzz/build.sh 2>&1 | grep -v "Cannot export local symbol" || true
fi
[[ -x $BIN ]] || { echo "fuzz: build failed" >&2; exit 1; }
SEEDS=.build-fuzz/seeds
CORPUS=.build-fuzz/corpus
ART=.build-fuzz/artifacts
mkdir -p "$SEEDS" "$CORPUS" "$ART"
# Seeds: every fixture model (including the malicious ones), named by path so reruns do not pile up.
while IFS= read -r f; do
  cp -f "$f" "$SEEDS/$(echo "${f#Tests/Fixtures/}" | tr '/' '_')"
done < <(find Tests/Fixtures -name '*.tflite' | sort)
LOG=.build-fuzz/last-run.log
echo "fuzz: $SECONDS_TO_RUN s, $(ls "$SEEDS" | wc -l) seeds, corpus $CORPUS, log $LOG"
set +e
export SWIFT_BACKTRACE=enable=no
"$BIN" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2560 -max_len=131072 \
  -print_final_stats=1 -artifact_prefix="$ART/" -detect_leaks=0 "$@" "$CORPUS" "$SEEDS" >"$LOG" 2>&1
STATUS=$?
set -e
grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)" "$LOG" | tail -2 || true
EXECS=$(grep -E "stat::number_of_executed_units" "$LOG" | awk '{print $2}' | tail -1 || true)
COV=$(grep -E "^#[0-9]+:?[[:space:]]" "$LOG" | grep -oE "cov: [0-9]+ ft: [0-9]+" | tail -1 || true)
# Fork mode (-fork=N) prints no final stats: take the last "#N: cov: ..." line.
[[ -n "$EXECS" ]] || EXECS=$(grep -oE "^#[0-9]+:" "$LOG" | tail -1 | tr -d '#:' || true)
RATE=$(grep -E "stat::average_exec_per_sec" "$LOG" | awk '{print $2}' | tail -1 || true)
echo "fuzz: executions ${EXECS:-?}, ${RATE:-?} exec/s, ${COV:-cov ?}, corpus $(ls "$CORPUS" | wc -l) files"
if [[ $STATUS -ne 0 ]]; then
  echo "fuzz: FAILED (status $STATUS); see $LOG" >&2
  grep -E "ERROR: |SUMMARY: |Fatal error|Test unit written" "$LOG" | head -10 >&2
  exit 1
fi
echo "fuzz: no crashes"
