#!/usr/bin/env python3
"""Expected TensorBoard event bytes from TensorFlow's own protobuf + TFRecord writer (developer-time).

    /work/venv/bin/python tools/oracles/make_tfevents_oracle.py
Writes Tests/Fixtures/traincore/tfevents_expected.json with hex strings of:
  - the serialized Event{wall_time=1.5, step=0, file_version="brain.Event:2"}
  - the serialized Event{wall_time=1234.25, step=300, summary{value{tag="loss", simple_value=0.125}}}
  - the TFRecord-framed bytes of the second event (as tf.io.TFRecordWriter writes them)
"""
import json
import os
import tempfile

import tensorflow as tf
from tensorflow.core.util import event_pb2
from tensorflow.core.framework import summary_pb2

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "traincore", "tfevents_expected.json")
header = event_pb2.Event(wall_time=1.5, step=0, file_version="brain.Event:2").SerializeToString()
scalar = event_pb2.Event(wall_time=1234.25, step=300, summary=summary_pb2.Summary(
    value=[summary_pb2.Summary.Value(tag="loss", simple_value=0.125)])).SerializeToString()
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "r.tfrecord")
    with tf.io.TFRecordWriter(p) as w:
        w.write(scalar)
    framed = open(p, "rb").read()
json.dump({"header_event": header.hex(), "scalar_event": scalar.hex(), "scalar_record": framed.hex()},
          open(OUT, "w"), indent=1)
print(open(OUT).read())
