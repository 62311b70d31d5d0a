#!/usr/bin/env python3
"""PyTorch reference timing for the digits MLP training step (batch 32, Adam), one CPU thread.

    /work/venv/bin/python tools/oracles/bench_torch_mlp.py
Mirrors `mote train --arch digits-mlp`: Linear 64->32 relu, Linear 32->10, cross-entropy, Adam.
Prints mean milliseconds per step (forward + backward + optimizer step) over 2,000 steps.
"""
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
rng = np.random.default_rng(0)
xs = [torch.tensor(rng.random((32, 64), dtype=np.float32)) for _ in range(45)]
ys = [torch.tensor(rng.integers(0, 10, 32)) for _ in range(45)]


def step(i):
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(xs[i % 45]), ys[i % 45])
    loss.backward()
    opt.step()


for i in range(200):
    step(i)
n = 2000
t = time.perf_counter()
for i in range(n):
    step(i)
print(f"torch {torch.__version__}: {1000 * (time.perf_counter() - t) / n:.4f} ms/step (digits MLP, batch 32, Adam, 1 thread)")
