#!/usr/bin/env bash
# Runs the host tools (mote inspect, mote run, mote-benchmark) over every file of a fuzzing corpus:
# each must exit 0, or exit 1 with exactly one line on stderr — never a signal, a hang or a trace.
# This covers host code the fuzz target does not compile in (MoteIO's report, the C benchmark).
#   tools/fuzz/tools_on_corpus.sh [CORPUS_DIR] [BUILD_DIR]   (defaults .build-fuzz/corpus, .build/debug)
set -uo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-.build-fuzz/corpus}
BIN=${2:-.build/debug}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
bad=0
n=0
check() {  # name status stderr-file
  local lines
  lines=$(wc -l < "$3")
  if [[ $2 -ne 0 && ( $2 -ne 1 || $lines -ne 1 ) ]]; then
    echo "BAD: $1: exit $2, $lines stderr lines: $(head -c 300 "$3")"
    bad=$((bad + 1))
  fi
}
for f in "$CORPUS"/*; do
  n=$((n + 1))
  timeout 20 "$BIN/mote" inspect "$f" > /dev/null 2> "$OUT/err"; check "mote inspect $f" $? "$OUT/err"
  timeout 20 "$BIN/mote" run "$f" --output-dir "$OUT/o" > /dev/null 2> "$OUT/err"; check "mote run $f" $? "$OUT/err"
  timeout 20 "$BIN/mote-benchmark" --graph="$f" --num_runs=1 --warmup_runs=0 > /dev/null 2> "$OUT/err"
  check "mote-benchmark $f" $? "$OUT/err"
done
echo "tools_on_corpus: $n files, $bad bad outcomes"
[[ $bad -eq 0 ]]
