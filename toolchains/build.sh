#!/usr/bin/env bash
# Builds MicroRuntime (unchanged sources) as Embedded Swift for each board target, links the C
# mote-benchmark driver and the C API example against it with the Debian GNU cross toolchains into
# static binaries under dist/<target>/, and proves the runtime allocates nothing.
#
#   toolchains/build.sh [TARGET ...]     targets: x86_64 aarch64 aarch64-armv8a armv7 (default: all)
#
# Environment: DIST overrides the output folder (default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${DIST:-dist}"
SWIFTC="${SWIFTC:-swiftc}"
EMB=(-enable-experimental-feature Embedded -wmo -parse-as-library -O -Xfrontend -function-sections
     -module-name MicroRuntime)

sources() { find Sources/MicroRuntime -name '*.swift'; }

build_target() {
  local target="$1" triple cc flags noalloc=(-no-allocations) qemu=""
  case "$target" in
    x86_64)         triple=x86_64-unknown-linux-gnu; cc=gcc; flags=(-Xcc -mavx2 -Xcc -mfma) ;;
    aarch64)        triple=aarch64-none-none-elf; cc=aarch64-linux-gnu-gcc; flags=(-Xcc -march=armv8.2-a+dotprod) ;;
    aarch64-armv8a) triple=aarch64-none-none-elf; cc=aarch64-linux-gnu-gcc; flags=(-Xcc -march=armv8-a) ;;
    armv7)          triple=armv7-none-none-eabi; cc=arm-linux-gnueabihf-gcc
                    flags=(-Xcc -mfloat-abi=hard -Xcc -mfpu=neon -Xcc -march=armv7-a)
                    # Swift 6.3's embedded stdlib rejects 32<->64-bit integer conversions under
                    # -no-allocations on armv7 (a compile-time false positive); the relocation check
                    # below proves the emitted code still never allocates.
                    noalloc=() ;;
    *) echo "toolchains/build.sh: unknown target $target" >&2; exit 2 ;;
  esac
  local out="$DIST/$target" obj="$DIST/$target/obj"
  mkdir -p "$out" "$obj"
  # shellcheck disable=SC2046
  "$SWIFTC" -target "$triple" "${EMB[@]}" "${noalloc[@]}" "${flags[@]}" -c $(sources) -o "$obj/microruntime.o"
  toolchains/check-no-alloc.sh "$obj/microruntime.o"
  case "$target" in aarch64*) toolchains/check-swifterror.sh "$obj/microruntime.o" ;; esac
  local cflags=(-O2 -std=c11 -Wall -Werror -Iinclude -ISources/Benchmark -static -Wl,--gc-sections)
  "$cc" "${cflags[@]}" Sources/Benchmark/main.c Sources/Benchmark/npy.c "$obj/microruntime.o" -lm -o "$out/mote-benchmark"
  "$cc" "${cflags[@]}" examples/classify.c Sources/Benchmark/npy.c "$obj/microruntime.o" -lm -o "$out/classify"
  "$cc" "${cflags[@]}" tools/tests/capi_check.c "$obj/microruntime.o" -lm -o "$out/capi-check"
  echo "built $out/mote-benchmark $out/classify $out/capi-check ($(size -A "$obj/microruntime.o" | awk '/^\.text/ {s += $2} END {print s}') bytes of runtime .text before --gc-sections)"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(x86_64 aarch64 aarch64-armv8a armv7)
for t in "${targets[@]}"; do build_target "$t"; done
