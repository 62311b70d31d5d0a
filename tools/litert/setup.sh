#!/usr/bin/env bash
# Creates .venv-litert/ at the package root with Google's LiteRT interpreter and NumPy: the oracle
# the Converter and Quantize tests run converted models in. Idempotent and quiet: does nothing when
# the venv already imports both packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv-litert"
py="$venv/bin/python"
if [[ -x "$py" ]] && "$py" -c 'import ai_edge_litert.interpreter, numpy' 2>/dev/null; then
  exit 0
fi
python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
"$py" -m pip install -q --disable-pip-version-check ai-edge-litert numpy
"$py" -c 'import ai_edge_litert.interpreter, numpy'
