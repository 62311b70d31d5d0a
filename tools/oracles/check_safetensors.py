#!/usr/bin/env python3
"""Opens a TrainCore checkpoint with the reference `safetensors` library (developer-time).

    /work/venv/bin/python tools/oracles/check_safetensors.py DIR/model.safetensors
"""
import sys

from safetensors.numpy import load_file
from safetensors import safe_open

path = sys.argv[1]
with safe_open(path, framework="numpy") as f:
    print("metadata:", f.metadata())
for name, a in sorted(load_file(path).items()):
    print(f"  {name:40s} {str(a.dtype):8s} {list(a.shape)}")
