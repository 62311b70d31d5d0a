#!/usr/bin/env bash
# `make demo`: the whole Mote pipeline on the UCI digits, end to end, with every number computed.
#   train the digits CNN (TrainCore, progress bar, TensorBoard logs in runs/, curves.svg)
#   → convert to float32 and int8 .tflite (models/)
#   → evaluate both on the fixed test split in MicroRuntime on this machine, and the int8 model in
#     the aarch64 Embedded build under qemu
#   → the same models' latency in Google's LiteRT, when its Python package is available.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
EPOCHS="${EPOCHS:-30}"
BIN=.build/release
RUN=runs/digits-cnn

tools/bootstrap.sh
echo "== build (release) and the aarch64 device build"
"$SWIFT" build -c release --product mote >/dev/null
"$SWIFT" build -c release --product mote-benchmark >/dev/null
toolchains/build.sh aarch64 >/dev/null

echo "== train digits-cnn ($EPOCHS epochs) → $RUN"
rm -rf "$RUN"
mkdir -p "$(dirname "$RUN")"
"$BIN/mote" train --arch digits-cnn --epochs "$EPOCHS" --seed 0 --output-dir "$RUN" | tee "$RUN.log"
train_json=$(tail -n 1 "$RUN.log")

echo "== convert → models/digits-cnn-float.tflite, models/digits-cnn-int8.tflite"
mkdir -p models
"$BIN/mote" convert --checkpoint "$RUN/model.safetensors" --arch digits-cnn --quantize none -o models/digits-cnn-float.tflite
"$BIN/mote" convert --checkpoint "$RUN/model.safetensors" --arch digits-cnn --quantize int8 --io float32 \
  -o models/digits-cnn-int8.tflite

echo "== evaluate in MicroRuntime (host)"
float_json=$("$BIN/mote" eval models/digits-cnn-float.tflite --export "$RUN" | tee /dev/stderr | tail -n 1)
int8_json=$("$BIN/mote" eval models/digits-cnn-int8.tflite | tee /dev/stderr | tail -n 1)

echo "== evaluate the int8 model on the aarch64 build under qemu"
qemu_classes=$(qemu-aarch64 -cpu max dist/aarch64/classify models/digits-cnn-int8.tflite "$RUN/digits_test_x.npy")
bench() { "$@" --num_runs=200 --warmup_runs=20 --json | tail -n 1; }
host_bench_f=$(bench "$BIN/mote-benchmark" --graph=models/digits-cnn-float.tflite)
host_bench_q=$(bench "$BIN/mote-benchmark" --graph=models/digits-cnn-int8.tflite)
qemu_bench_q=$(bench qemu-aarch64 -cpu max dist/aarch64/mote-benchmark --graph=models/digits-cnn-int8.tflite)

litert_py=""
for p in .venv-litert/bin/python .venv-bench/bin/python; do
  if [ -x "$p" ] && "$p" -c 'import ai_edge_litert.interpreter' 2>/dev/null; then litert_py="$p"; break; fi
done

python3 - "$train_json" "$float_json" "$int8_json" "$host_bench_f" "$host_bench_q" "$qemu_bench_q" "$RUN/digits_test_y.npy" \
  "$litert_py" <<PY
import json, os, struct, subprocess, sys
train, flt, q8, bf, bq, qq = (json.loads(a) for a in sys.argv[1:7])
labels_path, litert_py = sys.argv[7], sys.argv[8]
# Labels: a 1-D int32 .npy written by mote eval.
raw = open(labels_path, "rb").read()
hlen = struct.unpack("<H", raw[8:10])[0]
labels = list(struct.unpack("<%di" % ((len(raw) - 10 - hlen) // 4), raw[10 + hlen:]))
classes = [int(l.split()[1]) for l in """$qemu_classes""".splitlines() if l.startswith("class ")]
qemu_acc = sum(int(a == b) for a, b in zip(classes, labels)) / len(labels) if len(classes) == len(labels) else float("nan")
lite = {}
if litert_py:
    code = r'''
import sys, time, numpy as np
from ai_edge_litert.interpreter import Interpreter
for path in sys.argv[1:]:
    it = Interpreter(model_path=path, num_threads=1); it.allocate_tensors()
    d = it.get_input_details()[0]; it.set_tensor(d["index"], np.zeros(d["shape"], d["dtype"]))
    for _ in range(50): it.invoke()
    t = []
    for _ in range(500):
        s = time.perf_counter_ns(); it.invoke(); t.append((time.perf_counter_ns() - s) / 1000)
    print(path, float(np.median(t)))
'''
    out = subprocess.run([litert_py, "-c", code, "models/digits-cnn-float.tflite", "models/digits-cnn-int8.tflite"],
                         capture_output=True, text=True).stdout.split()
    lite = {out[i]: float(out[i + 1]) for i in range(0, len(out), 2)}
rows = [
    ("float32", flt, bf, None, lite.get("models/digits-cnn-float.tflite")),
    ("int8", q8, bq, qq, lite.get("models/digits-cnn-int8.tflite")),
]
print()
print("Mote demo — digits CNN: trained %d epochs in %.1f s (TrainCore test accuracy %.2f%%)" %
      (train["epochs"], train["train_seconds"], 100 * train["test_accuracy"]))
print("%-8s %10s %10s %10s %12s %14s %14s %12s" % ("model", "accuracy", "size B", "arena B", "host us", "aarch64 qemu", "qemu accuracy", "LiteRT us"))
for name, ev, b, qb, lt in rows:
    print("%-8s %9.2f%% %10d %10d %12.1f %14s %14s %12s" % (
        name, 100 * ev["accuracy"], ev["model_bytes"], b["arena_bytes"], b["median_us"],
        ("%.1f us" % qb["median_us"]) if qb else "-", ("%.2f%%" % (100 * qemu_acc)) if qb else "-",
        ("%.1f" % lt) if lt else "n/a"))
print()
print("accuracy float vs int8: %.2f%% vs %.2f%% (%+.2f points); latencies are medians on one core (qemu is emulation, not a board)." %
      (100 * flt["accuracy"], 100 * q8["accuracy"], 100 * (q8["accuracy"] - flt["accuracy"])))
print("models in models/, TensorBoard logs and curves.svg in $RUN/")
PY
