#!/usr/bin/env python3
"""`make bench`: Mote's MicroRuntime next to Google's LiteRT on the same models, in one run.

For every model: Mote's release `mote-benchmark` (one thread, pinned to one core), LiteRT with its
default XNNPACK delegate (one thread) and LiteRT's reference kernels (BUILTIN_REF). Prints one table:
model, engine, median and p90 latency in microseconds, and Mote's ratio to each LiteRT engine
(ratio = LiteRT median / Mote median: above 1 means Mote is faster).

    python tools/bench/bench.py [--runs N] [--filter SUBSTRING] [--json OUT.json]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "mote-benchmark")
CORE = ["taskset", "-c", "0"] if subprocess.run(["which", "taskset"], capture_output=True).returncode == 0 else []


def models():
    out = []
    for name in ["mlp", "small_cnn", "dw_separable", "residual", "mobilenet_tiny", "landmark_tiny"]:
        for variant in ["float", "float16", "int8"]:
            p = os.path.join(ROOT, "Tests", "Fixtures", name, variant, "model.tflite")
            if os.path.exists(p):
                out.append((f"{name}/{variant}", p))
    bench = os.path.join(ROOT, "models", "bench")
    for name in ["mobilenet_v2_0.35_96", "mobilenet_v2_1.0_224", "face_landmark"]:
        for variant in ["float", "float16", "int8"]:
            p = os.path.join(bench, name, variant, "model.tflite")
            if os.path.exists(p):
                out.append((f"{name}/{variant}", p))
    return out


def random_inputs(interp):
    rng = np.random.default_rng(0)
    data = []
    for d in interp.get_input_details():
        shape, dtype = d["shape"], d["dtype"]
        if dtype == np.float32:
            data.append(rng.uniform(-1, 1, shape).astype(np.float32))
        elif dtype == np.int8:
            data.append(rng.integers(-128, 128, shape).astype(np.int8))
        else:
            data.append(np.zeros(shape, dtype))
    return data


def litert(path, runs, warmup, resolver):
    kwargs = {"num_threads": 1}
    if resolver is not None:
        kwargs["experimental_op_resolver_type"] = resolver
    interp = Interpreter(model_path=path, **kwargs)
    interp.allocate_tensors()
    for d, x in zip(interp.get_input_details(), random_inputs(interp)):
        interp.set_tensor(d["index"], x)
    for _ in range(warmup):
        interp.invoke()
    times = []
    for _ in range(runs):
        t = time.perf_counter_ns()
        interp.invoke()
        times.append((time.perf_counter_ns() - t) / 1000)
    return float(np.median(times)), float(np.percentile(times, 90))


def mote(path, runs, warmup):
    r = subprocess.run(CORE + [BENCH, f"--graph={path}", f"--num_runs={runs}", f"--warmup_runs={warmup}",
                               "--num_threads=1", "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}"
    j = json.loads(r.stdout.strip().splitlines()[-1])
    return (j["median_us"], j["p90_us"], j["arena_bytes"]), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--filter", default="")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} missing: run `swift build -c release` first")
    if CORE:
        os.sched_setaffinity(0, {0})  # LiteRT on the same single core as Mote
    rows, results = [], []
    for name, path in models():
        if args.filter not in name:
            continue
        big = "224" in name
        runs = max(5, args.runs // 5) if big else args.runs
        m, err = mote(path, runs, 3)
        x = litert(path, runs, 3, None)
        ref_runs = max(2, runs // 10) if ("mobilenet_v2" in name or "face" in name) else runs
        r = litert(path, ref_runs, 1, OpResolverType.BUILTIN_REF)
        res = {"model": name, "litert_xnnpack_median_us": x[0], "litert_xnnpack_p90_us": x[1],
               "litert_ref_median_us": r[0], "litert_ref_p90_us": r[1]}
        if m:
            res.update({"mote_median_us": m[0], "mote_p90_us": m[1], "mote_arena_bytes": m[2],
                        "xnnpack_over_mote": x[0] / m[0], "ref_over_mote": r[0] / m[0]})
            rows.append((name, "mote", m[0], m[1], f"{x[0] / m[0]:.2f}x", f"{r[0] / m[0]:.1f}x"))
        else:
            res["mote_error"] = err
            rows.append((name, "mote", float("nan"), float("nan"), "error: " + err[:60], ""))
        rows.append((name, "litert+xnnpack", x[0], x[1], "", ""))
        rows.append((name, "litert-ref", r[0], r[1], "", ""))
        results.append(res)
        print(f"  measured {name}", file=sys.stderr)
    print(f"{'model':32} {'engine':16} {'median us':>12} {'p90 us':>12}  {'xnnpack/mote':>13} {'ref/mote':>9}")
    for name, engine, med, p90, a, b in rows:
        print(f"{name:32} {engine:16} {med:12.1f} {p90:12.1f}  {a:>13} {b:>9}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
