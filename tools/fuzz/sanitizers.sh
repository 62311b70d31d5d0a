#!/usr/bin/env bash
# The Swift test suite under AddressSanitizer and under UndefinedBehaviorSanitizer (each in its own
# scratch path, so the normal .build stays untouched), then a short fuzz run. For `make test`.
#   tools/fuzz/sanitizers.sh                 # both sanitizers over all tests, 60 s of fuzzing
#   SANITIZER_FILTER='MicroRuntimeTests|CLITests' tools/fuzz/sanitizers.sh   # a subset of tests
#   FUZZ_SECONDS=0 tools/fuzz/sanitizers.sh  # no fuzzing
# DeviceBuildTests is skipped: it runs the cross-built device binaries, which carry no sanitizer.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/opt/swift/usr/bin:$PATH
SWIFT=${SWIFT:-swift}
FILTER=()
[[ -n "${SANITIZER_FILTER:-}" ]] && FILTER=(--filter "$SANITIZER_FILTER")
# Leaks are not errors here (the test harness and Foundation keep caches alive); ASan reports the rest.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p .build-fuzz
TOTAL_START=$SECONDS
# AddressSanitizer instruments the Swift code and the C/C++ code (mote-benchmark's C, CFlatbuffers).
ASAN_FLAGS=(-Xswiftc -sanitize=address -Xcc -fsanitize=address -Xcxx -fsanitize=address)
# swiftc 6.3 has no UndefinedBehaviorSanitizer for Swift on Linux (-sanitize=undefined is refused);
# Swift code already traps on overflow, bad conversions and bounds in this debug build. So this run
# puts the C and C++ code under UBSan (no recovery) and links the UBSan runtime through swiftc.
UBSAN_FLAGS=(-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
             -Xcxx -fsanitize=undefined -Xcxx -fno-sanitize-recover=undefined
             -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined)
for san in address undefined; do
  case $san in
    address) scratch=.build-asan; flags=("${ASAN_FLAGS[@]}") ;;
    undefined) scratch=.build-ubsan; flags=("${UBSAN_FLAGS[@]}") ;;
  esac
  start=$SECONDS
  echo "sanitizers: building tests with $san in $scratch"
  set +e
  $SWIFT build --build-tests "${flags[@]}" --scratch-path $scratch > .build-fuzz/sanitizer-$san-build.log 2>&1
  status=$?
  set -e
  grep -E "error:|Build complete" .build-fuzz/sanitizer-$san-build.log | head -20 || true
  [[ $status -eq 0 ]] || { echo "sanitizers: $san build FAILED (log .build-fuzz/sanitizer-$san-build.log)" >&2; exit 1; }
  built=$SECONDS
  echo "sanitizers: running tests under $san"
  set +e
  $SWIFT test --skip-build --scratch-path $scratch --skip DeviceBuildTests "${FILTER[@]}" > .build-fuzz/sanitizer-$san.log 2>&1
  status=$?
  set -e
  grep -E "error:|ERROR:|runtime error|SUMMARY" .build-fuzz/sanitizer-$san.log | head -20 || true
  grep -E "Executed .* tests" .build-fuzz/sanitizer-$san.log | tail -1 || true
  if grep -qE "ERROR: AddressSanitizer|runtime error:" .build-fuzz/sanitizer-$san.log; then status=1; fi
  echo "sanitizers: $san: build $((built - start)) s, tests $((SECONDS - built)) s, status $status"
  [[ $status -eq 0 ]] || { echo "sanitizers: $san run FAILED (log .build-fuzz/sanitizer-$san.log)" >&2; exit 1; }
done
if [[ "${FUZZ_SECONDS:-60}" != 0 ]]; then
  start=$SECONDS
  tools/fuzz/run.sh "${FUZZ_SECONDS:-60}"
  echo "sanitizers: fuzz $((SECONDS - start)) s"
fi
echo "sanitizers: all done in $((SECONDS - TOTAL_START)) s"
