#!/usr/bin/env bash
# Fails when a typed-throwing function in an aarch64 object can return with a clobbered swifterror
# register. Swift returns "did throw" in x21; a function that does not throw must leave the
# caller's 0 there. Swift 6.3's aarch64 backend was seen (2026-11-25) to use x21 as a scratch
# register inside a `throws(MicroError)` kernel eval and then leave through a tail call to memmove
# (`b memmove`) without restoring it: the caller saw a throw that never happened and read an
# error that was never written (RESHAPE fixtures failed with a garbage error, only on aarch64).
# This check reads the disassembly: any typed-throwing function (mangled `YK`) that writes x21
# other than by restoring it (mov x21, <callee-saved reg>/xzr, or a load from the stack) and also
# leaves by a tail jump (R_AARCH64_JUMP26) is reported.
set -euo pipefail
obj="$1"
objdump="${OBJDUMP:-aarch64-linux-gnu-objdump}"
bad=$("$objdump" -dr --no-show-raw-insn "$obj" | awk '
  function report() { if (typed && scratch != "" && tail != "") print name ": " scratch " ... " tail }
  /^[0-9a-f]+ <.*>:$/ {
    report()
    name = $2; typed = (name ~ /YK/); scratch = ""; tail = ""
    next
  }
  /\t(mov|movk|movz|movn|add|sub|orr|and|eor|csel|mul|madd|lsl|lsr|asr)[ \t]+x21,/ {
    if ($0 !~ /mov[ \t]+x21, (x19|x2[0-8]|xzr)$/ && scratch == "") { sub(/^[ \t]+/, ""); scratch = $0 }
  }
  /R_AARCH64_JUMP26/ { if (tail == "") tail = $NF }
  END { report() }')
if [ -n "$bad" ]; then
  echo "check-swifterror: $obj has typed-throwing functions that tail-call with x21 clobbered:" >&2
  echo "$bad" >&2
  echo "(a backend miscompile, see toolchains/check-swifterror.sh; change the function so it does not end in a copy)" >&2
  exit 1
fi
echo "check-swifterror: $obj: no typed-throwing function tail-calls with a clobbered x21"
