#!/usr/bin/env python3
"""PyTorch oracle for TrainCore (developer-time; not run in CI).

Builds two small models from fixed NumPy weights (stored in TrainCore's layouts: NHWC activations,
HWIO conv filters, [in, out] dense weights), runs forward + backward in PyTorch and a few optimizer
steps, and writes everything under Tests/Fixtures/traincore/ as .npy (float32) plus scalars.json.

    /work/venv/bin/python tools/oracles/make_traincore_oracle.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "traincore")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(1234)
torch.set_default_dtype(torch.float32)
scalars = {"torch_version": torch.__version__}


def save(name, a):
    np.save(os.path.join(OUT, name + ".npy"), np.ascontiguousarray(np.asarray(a, dtype=np.float32)))


def r(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def t(a):
    return torch.tensor(a, requires_grad=True)


# ---------------------------------------------------------------- MLP: Dense 6->5 relu, Dense 5->3
mlp = {"w0": r(6, 5, scale=0.5), "b0": r(5, scale=0.1), "w1": r(5, 3, scale=0.5), "b1": r(3, scale=0.1)}
mlp_x = r(4, 6)
mlp_y = np.array([0, 2, 1, 2], dtype=np.int64)
for k, v in mlp.items():
    save("mlp_" + k, v)
save("mlp_x", mlp_x)
np.save(os.path.join(OUT, "mlp_y.npy"), mlp_y)


def mlp_forward(p, x):
    h = torch.relu(x @ p["w0"] + p["b0"])
    return h @ p["w1"] + p["b1"]


p = {k: t(v) for k, v in mlp.items()}
logits = mlp_forward(p, torch.tensor(mlp_x))
loss = F.cross_entropy(logits, torch.tensor(mlp_y), label_smoothing=0.1)
loss.backward()
save("mlp_logits", logits.detach().numpy())
scalars["mlp_loss"] = loss.item()
for k in mlp:
    save("mlp_grad_" + k, p[k].grad.numpy())


def run_optimizer(name, make):
    p = {k: t(v) for k, v in mlp.items()}
    opt = make(list(p.values()))
    losses = []
    for _ in range(4):
        opt.zero_grad()
        l = F.cross_entropy(mlp_forward(p, torch.tensor(mlp_x)), torch.tensor(mlp_y), label_smoothing=0.1)
        l.backward()
        opt.step()
        losses.append(l.item())
    scalars[name + "_losses"] = losses
    for k in mlp:
        save(name + "_" + k, p[k].detach().numpy())


run_optimizer("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01))
run_optimizer("nesterov", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True))
run_optimizer("adam", lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.001, foreach=False))
run_optimizer("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1, foreach=False))

# ---------------------------------------------------------------- CNN on NHWC [2, 6, 6, 2]
# Conv 3x3 2->3 SAME relu; depthwise 3x3 x2 SAME stride 2; BatchNorm(6, training); relu6;
# MaxPool 2 SAME (3x3 -> 2x2); Flatten (NHWC order); Dense 24->4.
cnn = {
    "conv_w": r(3, 3, 2, 3, scale=0.4), "conv_b": r(3, scale=0.1),
    "dw_w": r(3, 3, 3, 2, scale=0.4), "dw_b": r(6, scale=0.1),
    "bn_g": (1 + r(6, scale=0.1)), "bn_b": r(6, scale=0.1),
    "fc_w": r(24, 4, scale=0.3), "fc_b": r(4, scale=0.1),
}
cnn_x = r(2, 6, 6, 2)
cnn_y = np.array([3, 1], dtype=np.int64)
for k, v in cnn.items():
    save("cnn_" + k, v)
save("cnn_x", cnn_x)
np.save(os.path.join(OUT, "cnn_y.npy"), cnn_y)


def tf_same_pad(x_nchw, k, s):
    """Pads NCHW input the way TensorFlow's SAME does (extra element after)."""
    h, w = x_nchw.shape[2], x_nchw.shape[3]
    def amount(n):
        out = -(-n // s)
        total = max((out - 1) * s + k - n, 0)
        return total // 2, total - total // 2
    (t0, b0), (l0, r0) = amount(h), amount(w)
    return F.pad(x_nchw, (l0, r0, t0, b0))


def cnn_forward(p, x_nhwc, bn_state):
    x = x_nhwc.permute(0, 3, 1, 2)
    y = F.conv2d(tf_same_pad(x, 3, 1), p["conv_w"].permute(3, 2, 0, 1), p["conv_b"])
    y = torch.relu(y)
    c, m = 3, 2
    dw = p["dw_w"].permute(2, 3, 0, 1).reshape(c * m, 1, 3, 3)
    y = F.conv2d(tf_same_pad(y, 3, 2), dw, p["dw_b"], stride=2, groups=c)        # [2, 6, 3, 3]
    y = F.batch_norm(y, bn_state[0], bn_state[1], p["bn_g"], p["bn_b"], training=True, momentum=0.1, eps=1e-5)
    y = F.relu6(y)
    y = F.max_pool2d(F.pad(y, (0, 1, 0, 1), value=-1e30), 2)                     # TF SAME max pool 2: 3x3 -> 2x2
    y = y.permute(0, 2, 3, 1).reshape(2, -1)                                     # flatten in NHWC order
    return y @ p["fc_w"] + p["fc_b"]


p = {k: t(v) for k, v in cnn.items()}
bn_state = (torch.zeros(6), torch.ones(6))
logits = cnn_forward(p, torch.tensor(cnn_x), bn_state)
loss = F.cross_entropy(logits, torch.tensor(cnn_y))
loss.backward()
save("cnn_logits", logits.detach().numpy())
scalars["cnn_loss"] = loss.item()
save("cnn_running_mean", bn_state[0].numpy())
save("cnn_running_var", bn_state[1].numpy())
for k in cnn:
    save("cnn_grad_" + k, p[k].grad.numpy())

# ---------------------------------------------------------------- other losses, clipping, schedules
a = r(3, 4)
tgt = (rng.random((3, 4)) > 0.5).astype(np.float32)
save("loss_a", a)
save("loss_t", tgt)
ta = t(a)
bce = F.binary_cross_entropy_with_logits(ta, torch.tensor(tgt))
bce.backward()
scalars["bce"] = bce.item()
save("bce_grad", ta.grad.numpy())
ta = t(a)
mse = F.mse_loss(ta, torch.tensor(tgt))
mse.backward()
scalars["mse"] = mse.item()
save("mse_grad", ta.grad.numpy())

g1, g2 = t(r(3, 2)), t(r(5))
g1.grad, g2.grad = torch.tensor(r(3, 2)), torch.tensor(r(5))
save("clip_g1", g1.grad.numpy())
save("clip_g2", g2.grad.numpy())
scalars["clip_norm"] = torch.nn.utils.clip_grad_norm_([g1, g2], max_norm=1.0).item()
save("clip_g1_after", g1.grad.numpy())
save("clip_g2_after", g2.grad.numpy())

w = torch.nn.Parameter(torch.zeros(1))
for name, make in [("cosine", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
                   ("step", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5))]:
    o = torch.optim.SGD([w], lr=0.1)
    s = make(o)
    lrs = []
    for _ in range(12):
        lrs.append(o.param_groups[0]["lr"])
        o.step()
        s.step()
    scalars[name + "_lrs"] = lrs

with open(os.path.join(OUT, "scalars.json"), "w") as f:
    json.dump(scalars, f, indent=1)

# ---------------------------------------------------------------- .npy dtype samples for the reader tests
np.save(os.path.join(OUT, "npy_int32.npy"), np.array([[1, -2, 3], [4, 5, -6]], dtype=np.int32))
np.save(os.path.join(OUT, "npy_uint8.npy"), np.array([0, 7, 255], dtype=np.uint8))
np.save(os.path.join(OUT, "npy_scalar_f4.npy"), np.float32(2.5))
print("wrote", len(os.listdir(OUT)), "files to", os.path.normpath(OUT))
