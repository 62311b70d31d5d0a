#!/usr/bin/env python3
"""Checks MicroRuntime's outputs on the large benchmark models (models/bench, made by
`tools/bench/setup.sh`) against LiteRT: float and float16-weight models within 1e-4 relative to
LiteRT's default kernels, int8 models bit-exact against LiteRT's reference kernels (BUILTIN_REF).
These models are too large for git and CI; run this after `swift build -c release`.

    .venv-bench/bin/python tools/bench/check_models.py
"""
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MOTE = os.path.join(ROOT, ".build", "release", "mote")


def main():
    models = sorted(glob.glob(os.path.join(ROOT, "models", "bench", "*", "*", "model.tflite")))
    if not models:
        sys.exit("no models in models/bench: run tools/bench/setup.sh")
    failed = 0
    for path in models:
        variant = os.path.basename(os.path.dirname(path))
        ref = variant == "int8"
        kind = OpResolverType.BUILTIN_REF if ref else OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
        it = Interpreter(model_path=path, experimental_op_resolver_type=kind)
        it.allocate_tensors()
        rng = np.random.default_rng(1)
        with tempfile.TemporaryDirectory() as tmp:
            args = [MOTE, "run", path, "--output-dir", tmp]
            for k, d in enumerate(it.get_input_details()):
                if d["dtype"] == np.int8:
                    x = rng.integers(-128, 128, d["shape"]).astype(np.int8)
                else:
                    x = rng.uniform(-1, 1, d["shape"]).astype(d["dtype"])
                it.set_tensor(d["index"], x)
                np.save(os.path.join(tmp, f"in_{k}.npy"), x)
                args += ["--input", os.path.join(tmp, f"in_{k}.npy")]
            it.invoke()
            r = subprocess.run(args, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"FAIL {path}: {r.stderr.strip()}")
                failed += 1
                continue
            worst = 0.0
            for k, d in enumerate(it.get_output_details()):
                want = it.get_tensor(d["index"])
                got = np.load(os.path.join(tmp, f"output_{k}.npy"))
                if ref:
                    worst = max(worst, float(np.abs(got.astype(np.int32) - want.astype(np.int32)).max()))
                else:
                    worst = max(worst, float((np.abs(got - want) / np.maximum(1, np.abs(want))).max()))
            ok = worst == 0 if ref else worst <= 1e-4
            failed += 0 if ok else 1
            what = f"max |diff| {worst:g} LSB vs BUILTIN_REF" if ref else f"max rel error {worst:.2e} vs LiteRT"
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.relpath(path, ROOT)}: {what}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
