#!/usr/bin/env python3
"""Training speed: `mote train` (TrainCore, release build) next to PyTorch on the same digits models.

Both train the built-in architectures with batch 32 and Adam on one CPU thread:
  digits-mlp: Linear 64->32, ReLU, Linear 32->10
  digits-cnn: Conv 3x3 1->8 SAME, ReLU, MaxPool 2; Conv 3x3 8->16 SAME, ReLU, MaxPool 2; Flatten; Linear 64->10
Mote's numbers come from the JSON line `mote train` prints (ms_per_step, train_seconds / epochs); PyTorch
runs the same step (forward, cross-entropy, backward, Adam) on the same number of samples per epoch
(1,437). Without torch installed the PyTorch column says so.

    python tools/bench/train_bench.py [--epochs 10]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MOTE = os.path.join(ROOT, ".build", "release", "mote")
TRAIN_SAMPLES, BATCH = 1437, 32


def mote(arch, epochs):
    out = os.path.join(ROOT, "out", "train-bench", arch)
    r = subprocess.run(["taskset", "-c", "0", MOTE, "train", "--arch", arch, "--epochs", str(epochs), "--seed", "0",
                        "--output-dir", out], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"mote train failed: {r.stderr.strip()}")
    j = json.loads(r.stdout.strip().splitlines()[-1])
    return j["ms_per_step"], 1000 * j["train_seconds"] / j["epochs"], j["test_accuracy"]


def torch_times(arch, epochs):
    try:
        import numpy as np
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    nn = torch.nn
    if arch == "digits-mlp":
        model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
        shape = (BATCH, 64)
    else:
        model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                              nn.Linear(64, 10))
        shape = (BATCH, 1, 8, 8)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    rng = np.random.default_rng(0)
    steps_per_epoch = (TRAIN_SAMPLES + BATCH - 1) // BATCH
    xs = [torch.tensor(rng.random(shape, dtype=np.float32)) for _ in range(steps_per_epoch)]
    ys = [torch.tensor(rng.integers(0, 10, BATCH)) for _ in range(steps_per_epoch)]

    def step(i):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xs[i % steps_per_epoch]), ys[i % steps_per_epoch])
        loss.backward()
        opt.step()

    for i in range(100):
        step(i)
    t = time.perf_counter()
    n = steps_per_epoch * epochs
    for i in range(n):
        step(i)
    ms_step = 1000 * (time.perf_counter() - t) / n
    return ms_step, ms_step * steps_per_epoch, torch.__version__


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=10)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    print(f"{'model':12} {'engine':16} {'ms/step':>9} {'ms/epoch':>9}  {'torch/mote':>10}")
    for arch in ["digits-mlp", "digits-cnn"]:
        m_step, m_epoch, acc = mote(arch, args.epochs)
        t = torch_times(arch, args.epochs)
        ratio = f"{t[0] / m_step:.1f}x" if t else ""
        print(f"{arch:12} {'mote':16} {m_step:9.3f} {m_epoch:9.1f}  {ratio:>10}")
        if t:
            print(f"{arch:12} {'pytorch ' + t[2].split('+')[0]:16} {t[0]:9.3f} {t[1]:9.1f}")
        else:
            print(f"{arch:12} {'pytorch':16} {'(not installed: pip install torch into the bench venv)':>30}")


if __name__ == "__main__":
    main()
