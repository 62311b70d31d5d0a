#!/usr/bin/env bash
# Reports the runtime's code size per target: the .text of MicroRuntime's object code that a static
# program actually links (after --gc-sections): mote-benchmark, which opens with every operator, and
# examples/classify.c built with -DCLASSIFY_DIGITS_ONLY, whose operator resolver holds only the
# digits models' seven kernels. Sizes come from the linker map of each binary.
set -euo pipefail
cd "$(dirname "$0")/.."
printf "%-16s %14s %14s\n" target "all ops" "digits ops"
for t in x86_64 aarch64 aarch64-armv8a armv7; do
  row=()
  dir=$(mktemp -d)
  DIST="$dir" toolchains/build.sh "$t" >/dev/null
  cc=gcc
  case $t in aarch64*) cc=aarch64-linux-gnu-gcc ;; armv7) cc=arm-linux-gnueabihf-gcc ;; esac
  for program in "Sources/Benchmark/main.c" "-DCLASSIFY_DIGITS_ONLY examples/classify.c"; do
    # shellcheck disable=SC2086
    "$cc" -O2 -static -Wl,--gc-sections -Wl,-Map,"$dir/map" -Iinclude -ISources/Benchmark \
      $program Sources/Benchmark/npy.c "$dir/$t/obj/microruntime.o" -lm -o "$dir/bin"
    bytes=$(python3 - "$dir/map" <<'PY'
import re, sys
# Sum the sizes of the .text input sections the linker kept from microruntime.o.
total, pending, kept = 0, False, False
for line in open(sys.argv[1]):
    if line.startswith("Linker script and memory map"):
        kept = True  # what comes before lists the discarded sections
    if not kept:
        continue
    parts = line.split()
    if line.startswith(" .text") and len(parts) == 1:
        pending = True
        continue
    if line.startswith(" .text") and len(parts) >= 4 and parts[3].endswith("microruntime.o"):
        total += int(parts[2], 16)
    elif pending and len(parts) >= 3 and parts[2].endswith("microruntime.o"):
        total += int(parts[1], 16)
    pending = False
print(total)
PY
)
    row+=("$bytes")
  done
  rm -rf "$dir"
  printf "%-16s %14s %14s\n" "$t" "${row[0]}" "${row[1]}"
done
