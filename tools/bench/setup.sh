#!/usr/bin/env bash
# Prepares what `make bench` needs and CI does not: a Python venv (.venv-bench, git-ignored) with
# TensorFlow, LiteRT and NumPy, and the large benchmark models in models/bench (git-ignored),
# made by the fixture generator with seeded random weights. Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x .venv-bench/bin/python ]; then
  echo "bench setup: creating .venv-bench (tensorflow-cpu, ai-edge-litert, numpy; a few minutes once)"
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install -q -r tools/fixtures/requirements.txt
fi
if [ ! -f models/bench/index.json ]; then
  echo "bench setup: generating models/bench (MobileNetV2 0.35/96 and 1.0/224, face-landmark style)"
  .venv-bench/bin/python tools/fixtures/make_fixtures.py --bench models/bench
fi
