#!/usr/bin/env bash
# Prepares what `make bench` needs and CI does not: a Python venv (.venv-bench, git-ignored) with
# TensorFlow, LiteRT and NumPy at the versions in tools/fixtures/requirements.txt, and the large
# benchmark models in models/bench (git-ignored), made by the fixture generator with seeded random
# weights. PyTorch (the training comparison) is optional: `.venv-bench/bin/pip install torch`.
# Needs python3 with venv (tools/bootstrap.sh) and PyPI. Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! { [ -x .venv-bench/bin/python ] && .venv-bench/bin/python -c 'import tensorflow, ai_edge_litert.interpreter, numpy' 2>/dev/null; }; then
  python3 -c 'import venv, ensurepip' 2>/dev/null ||
    { echo "bench setup: python3 has no venv module; run tools/bootstrap.sh (installs python3-venv)" >&2; exit 1; }
  echo "bench setup: creating .venv-bench (tensorflow-cpu, ai-edge-litert, numpy; a few minutes once)"
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install -q -r tools/fixtures/requirements.txt ||
    { echo "bench setup: pip could not install tools/fixtures/requirements.txt (PyPI reachable?)" >&2; exit 1; }
fi
if [ ! -f models/bench/index.json ]; then
  echo "bench setup: generating models/bench (MobileNetV2 0.35/96 and 1.0/224, face-landmark style)"
  .venv-bench/bin/python tools/fixtures/make_fixtures.py --bench models/bench
fi
