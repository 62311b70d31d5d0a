#!/usr/bin/env bash
# Creates .venv-litert/ at the package root with Google's LiteRT interpreter and NumPy at the versions
# in tools/litert/requirements.txt: the oracle the Converter and Quantize tests run converted models
# in, and the demo's LiteRT latency. Needs python3 with venv (tools/bootstrap.sh installs it) and
# PyPI. Idempotent and quiet: does nothing when the venv already has those versions.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv-litert"
py="$venv/bin/python"
req="$root/tools/litert/requirements.txt"
# True when the venv imports both packages at the pinned versions.
pinned() {
  "$py" - "$req" 2>/dev/null <<'PY'
import importlib.metadata as md, sys
want = [l.split("==") for l in open(sys.argv[1]) if "==" in l and not l.startswith("#")]
sys.exit(0 if all(md.version(n.strip()) == v.strip() for n, v in want) else 1)
PY
}
if [[ -x "$py" ]] && pinned && "$py" -c 'import ai_edge_litert.interpreter, numpy' 2>/dev/null; then
  exit 0
fi
python3 -c 'import venv, ensurepip' 2>/dev/null ||
  { echo "litert setup: python3 has no venv module; run tools/bootstrap.sh (installs python3-venv)" >&2; exit 1; }
echo "litert setup: creating .venv-litert ($(grep -v '^#' "$req" | tr '\n' ' '))"
python3 -m venv "$venv"
"$py" -m pip install -q --disable-pip-version-check -r "$req" ||
  { echo "litert setup: pip could not install $req (PyPI reachable?)" >&2; exit 1; }
"$py" -c 'import ai_edge_litert.interpreter, numpy'
