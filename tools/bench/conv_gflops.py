#!/usr/bin/env python3
"""GFLOP/s of every CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED layer of a float model in
MicroRuntime: shapes from `mote inspect --json`, times from `mote-benchmark`'s per-operator
profile (one core). One multiply-add counts as two FLOPs; bias and activation are not counted.

    python3 tools/bench/conv_gflops.py models/bench/mobilenet_v2_1.0_224/float/model.tflite [--runs 50]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".build", "release")


def flops(op, tensors):
    kind = op["builtin"]
    if kind not in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"):
        return 0
    out = tensors[op["outputs"][0]]["shape"]
    weights = tensors[op["inputs"][1]]["shape"]
    if kind == "CONV_2D":          # weights [O, kH, kW, I]
        return 2 * out[0] * out[1] * out[2] * out[3] * weights[1] * weights[2] * weights[3]
    if kind == "DEPTHWISE_CONV_2D":  # weights [1, kH, kW, O]
        return 2 * out[0] * out[1] * out[2] * out[3] * weights[1] * weights[2]
    if kind == "FULLY_CONNECTED":  # weights [O, I]
        rows = 1
        for d in out[:-1]:
            rows *= d
        return 2 * rows * weights[0] * weights[1]
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    info = json.loads(subprocess.run([os.path.join(BIN, "mote"), "inspect", "--json", args.model],
                                     check=True, capture_output=True, text=True).stdout)
    graph = info["subgraphs"][0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ops.csv")
        subprocess.run([os.path.join(BIN, "mote-benchmark"), f"--graph={args.model}", f"--num_runs={args.runs}",
                        "--enable_op_profiling=true", f"--profiling_output_csv_file={path}"],
                       check=True, capture_output=True)
        with open(path) as f:
            rows = [r for r in csv.DictReader(f)]
    print(f"{'node':>4}  {'operator':<18} {'output':<18} {'MFLOP':>8} {'µs':>8} {'GFLOP/s':>8}")
    total = {}
    for r in rows:
        op = graph["operators"][int(r["node index"])]
        f = flops(op, graph["tensors"])
        if f == 0:
            continue
        us = float(r["avg ms"]) * 1000
        kind = op["builtin"]
        shape = "x".join(str(d) for d in graph["tensors"][op["outputs"][0]]["shape"])
        print(f"{r['node index']:>4}  {kind:<18} {shape:<18} {f / 1e6:8.2f} {us:8.1f} {f / us / 1e3:8.1f}")
        t = total.setdefault(kind, [0, 0.0])
        t[0] += f
        t[1] += us
    for kind, (f, us) in total.items():
        print(f"all {kind}: {f / 1e6:.1f} MFLOP in {us:.1f} µs = {f / us / 1e3:.1f} GFLOP/s")


if __name__ == "__main__":
    sys.exit(main())
