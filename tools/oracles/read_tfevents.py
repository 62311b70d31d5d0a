#!/usr/bin/env python3
"""Reads TrainCore's TensorBoard event files with TensorFlow's and TensorBoard's own readers (developer-time).

    /work/venv/bin/python tools/oracles/read_tfevents.py DIR_OR_FILE [...]
Prints every scalar; exits non-zero if a reader rejects a file, the first event is not
file_version "brain.Event:2", or the scalars loss / accuracy / learning_rate are missing.
"""
import glob
import os
import sys

import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def files(args):
    for a in args:
        yield from (sorted(glob.glob(os.path.join(a, "events.out.tfevents.*"))) if os.path.isdir(a) else [a])


def main():
    ok = True
    for path in files(sys.argv[1:]):
        events = list(tf.compat.v1.train.summary_iterator(path))     # verifies both CRCs of every record
        if events[0].file_version != "brain.Event:2":
            print(f"{path}: first event is not file_version brain.Event:2: {events[0]}")
            ok = False
        n = sum(len(e.summary.value) for e in events)
        print(f"{path}: tf.compat.v1.train.summary_iterator read {len(events)} events, {n} scalar values")
        acc = EventAccumulator(path)
        acc.Reload()
        tags = acc.Tags()["scalars"]
        for tag in tags:
            s = acc.Scalars(tag)
            print(f"  {tag:14s} {len(s):3d} points, step {s[0].step}..{s[-1].step}, last {s[-1].value:.6g}")
        for required in ("loss", "accuracy", "learning_rate"):
            if required not in tags:
                print(f"  missing scalar {required}")
                ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
