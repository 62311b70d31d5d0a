#!/usr/bin/env bash
# Builds the libFuzzer target: every MicroRuntime source plus Fuzz/*.swift as one module, with
# libFuzzer and AddressSanitizer. Output: .build-fuzz/fuzz-mote (override with FUZZ_OUT).
# FUZZ_OPT=-Onone gives a slower binary with Swift's debug-mode checks (unsafelyUnwrapped etc.).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/opt/swift/usr/bin:$PATH
OUT=${FUZZ_OUT:-.build-fuzz/fuzz-mote}
OPT=${FUZZ_OPT:--O}
mkdir -p "$(dirname "$OUT")"
mapfile -t SOURCES < <(find Sources/MicroRuntime -name '*.swift' | sort)
swiftc -sanitize=fuzzer,address -parse-as-library "$OPT" -g \
  -enable-experimental-feature Extern \
  -Xcc -mavx2 -Xcc -mfma \
  -module-name MicroRuntime \
  "${SOURCES[@]}" Fuzz/*.swift -o "$OUT"
echo "built $OUT"
