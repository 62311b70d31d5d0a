#!/usr/bin/env bash
# Sets up what `make demo`, `make test` and CI need on a fresh Debian 12 machine that has Swift, git
# and make, and proves that it works. Decides by capability, not by package name: each check below
# builds or runs the smallest thing that the real build needs (a static C program per cross compiler
# run under qemu, a C++ file that includes the FlatBuffers headers compiled by Swift's clang, a link
# against OpenBLAS, ...). Checks that fail name the Debian packages that provide them; those are
# installed with apt-get (only the missing ones), and every check runs again. What still fails is
# reported as one line per capability, and the script exits 1.
#
#   tools/bootstrap.sh            quiet when everything works (one line when it installed something)
#   tools/bootstrap.sh --report   also prints one line listing what was proven (make test, CI)
#   tools/bootstrap.sh --list     prints the Debian packages it may install, one per line
#
# Idempotent: a second run installs nothing and prints nothing (but the --report line).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

# capability | Debian packages that provide it (installed without recommends, so every package the
# build needs is named here, including the cross C libraries the cross compilers only recommend).
CHECKS=(
  "host_c|gcc libc6-dev binutils"
  "aarch64|gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user"
  "armv7|gcc-arm-linux-gnueabihf libc6-dev-armhf-cross binutils-arm-linux-gnueabihf qemu-user"
  "openblas|libopenblas-dev pkg-config"
  "flatc|flatbuffers-compiler"
  "flatbuffers_cxx|libflatbuffers-dev libstdc++-12-dev"
  "python|python3 python3-venv ca-certificates"
)

report=0
case "${1:-}" in
  --report) report=1 ;;
  --list) for c in "${CHECKS[@]}"; do tr ' ' '\n' <<<"${c#*|}"; done | sort -u; exit 0 ;;
  "") ;;
  *) echo "usage: tools/bootstrap.sh [--report|--list]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/hello.c" <<'C'
#include <stdint.h>
#include <stdio.h>
int main(void) { uint32_t x = 0x6d6f7465u; printf("mote %u %zu\n", (unsigned)(x & 0xff), sizeof(void *)); return 0; }
C

# Each check_* prints nothing and returns 0 when the capability works; otherwise it prints a short
# reason (the tool's own first error line) and returns 1.
first_error() { grep -m1 -E "error|Error|not found|No such|cannot|undefined" "$1" || head -n1 "$1"; }

# A static program the way toolchains/build.sh links the device binaries; run natively or under qemu.
check_c() {  # compiler, expected pointer size, runner...
  local cc="$1" bits="$2"; shift 2
  command -v "$cc" >/dev/null || { echo "$cc not found"; return 1; }
  "$cc" -O2 -std=c11 -static "$work/hello.c" -o "$work/hello-$cc" >"$work/log" 2>&1 || { first_error "$work/log"; return 1; }
  if [ $# -gt 0 ]; then command -v "$1" >/dev/null || { echo "$1 not found"; return 1; }; fi
  local out
  out=$("$@" "$work/hello-$cc" 2>&1) || { echo "running the $cc program failed: $out"; return 1; }
  [ "$out" = "mote 101 $bits" ] || { echo "the $cc program printed '$out'"; return 1; }
}
check_host_c() { check_c gcc 8; }
check_aarch64() { check_c aarch64-linux-gnu-gcc 8 qemu-aarch64 -cpu max; }
check_armv7() { check_c arm-linux-gnueabihf-gcc 4 qemu-arm -cpu cortex-a15; }

# TrainCore's CBLAS target: pkg-config finds openblas, and a cblas call links and runs.
check_openblas() {
  command -v pkg-config >/dev/null || { echo "pkg-config not found"; return 1; }
  local flags
  flags=$(pkg-config --cflags --libs openblas 2>&1) || { echo "pkg-config: $flags"; return 1; }
  cat >"$work/blas.c" <<'C'
#include <cblas.h>
#include <stdio.h>
int main(void) { float a[3] = {1, 2, 3}, b[3] = {4, 5, 6}; printf("%g\n", cblas_sdot(3, a, 1, b, 1)); return 0; }
C
  # shellcheck disable=SC2086
  gcc "$work/blas.c" $flags -o "$work/blas" >"$work/log" 2>&1 || { first_error "$work/log"; return 1; }
  [ "$(OPENBLAS_NUM_THREADS=1 "$work/blas")" = 32 ] || { echo "cblas_sdot gave a wrong result"; return 1; }
}

# tools/schema/generate.sh runs flatc --cpp; the committed code is FlatBuffers 2.0.x output.
check_flatc() {
  command -v flatc >/dev/null || { echo "flatc not found"; return 1; }
  flatc --version >/dev/null 2>&1 || { echo "flatc --version failed"; return 1; }
}

# CFlatbuffers: flatc's C++ compiled by Swift's clang (the compiler SwiftPM uses), so the C++ standard
# library headers are checked as well as the FlatBuffers ones.
check_flatbuffers_cxx() {
  local cxx
  cxx=$(command -v clang++ || true)
  [ -n "$cxx" ] || { echo "clang++ (Swift's, /opt/swift/usr/bin) not found"; return 1; }
  printf '#include <flatbuffers/flatbuffers.h>\n#include <vector>\nint main() { flatbuffers::FlatBufferBuilder b(64); std::vector<int> v{1}; return (int)b.GetSize() + v[0] - 1; }\n' >"$work/fb.cpp"
  "$cxx" -std=c++17 -c "$work/fb.cpp" -o "$work/fb.o" >"$work/log" 2>&1 || { first_error "$work/log"; return 1; }
}

# The LiteRT oracle venv (tools/litert/setup.sh) and the demo's summary: python3 with venv + ensurepip
# (Debian ships ensurepip in python3-venv) and CA certificates for pip.
check_python() {
  command -v python3 >/dev/null || { echo "python3 not found"; return 1; }
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || { echo "python3 has no venv/ensurepip module"; return 1; }
  [ -s /etc/ssl/certs/ca-certificates.crt ] || { echo "no CA certificates for pip (/etc/ssl/certs/ca-certificates.crt)"; return 1; }
}

# Runs every check; sets failed[] (capability names) and reason[capability].
declare -A reason
run_checks() {
  failed=()
  for c in "${CHECKS[@]}"; do
    local name="${c%%|*}" why
    if ! why=$("check_$name" 2>&1); then failed+=("$name"); reason[$name]="$why"; fi
  done
}
packages_of() { for c in "${CHECKS[@]}"; do [ "${c%%|*}" = "$1" ] && echo "${c#*|}"; done; }

if ! command -v swift >/dev/null; then
  echo "bootstrap: Swift not found (expected Swift 6.3 in /opt/swift/usr/bin or on PATH; see swift.org/install)" >&2
  exit 1
fi

run_checks
if [ ${#failed[@]} -gt 0 ]; then
  wanted=()
  for name in "${failed[@]}"; do
    for p in $(packages_of "$name"); do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || wanted+=("$p")
    done
  done
  mapfile -t wanted < <(printf '%s\n' "${wanted[@]}" | sort -u | sed '/^$/d')
  if [ ${#wanted[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
      echo "bootstrap: not working: ${failed[*]}; install (Debian names): ${wanted[*]}" >&2
      exit 1
    fi
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install ${wanted[*]}" >&2; exit 1; }
      SUDO="sudo"
    fi
    echo "bootstrap: installing ${wanted[*]} (for: ${failed[*]})"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}" \
      >"$work/apt.log" 2>&1 || { echo "bootstrap: apt-get install failed:" >&2; tail -n 5 "$work/apt.log" >&2; exit 1; }
  fi
  run_checks
fi
if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "bootstrap: $name does not work: ${reason[$name]} (provided by: $(packages_of "$name"))" >&2
  done
  exit 1
fi
if [ $report -eq 1 ]; then
  echo "bootstrap: proven: host gcc -static, aarch64-linux-gnu-gcc + qemu-aarch64, arm-linux-gnueabihf-gcc + qemu-arm," \
       "openblas (pkg-config, cblas link), $(flatc --version), FlatBuffers C++ headers with Swift's clang++, python3 venv"
fi
