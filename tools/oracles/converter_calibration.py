#!/usr/bin/env python3
"""Writes the calibration batch TensorFlow's converter saw for a committed fixture.

usage: converter_calibration.py NAME LO HI D1,D2,... OUT.npy [COUNT]

tools/fixtures/make_fixtures.py calibrated each int8 fixture with COUNT (32) samples drawn as
numpy.random.default_rng(crc32(NAME) & 0x7FFFFFFF + 1).uniform(LO, HI, shape).astype(float32),
shape being the model input shape with batch 1. This rebuilds that batch as one float32 array
[COUNT, D2, ...] (the batch axis of each sample dropped), so Mote's quantizer can calibrate on the
same data.
"""
import sys
import zlib

import numpy as np


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    name, lo, hi, dims, out = argv[1], float(argv[2]), float(argv[3]), argv[4], argv[5]
    count = int(argv[6]) if len(argv) > 6 else 32
    shape = [int(d) for d in dims.split(",")]
    rng = np.random.default_rng((zlib.crc32(name.encode()) & 0x7FFFFFFF) + 1)
    batch = np.stack([rng.uniform(lo, hi, size=shape).astype(np.float32) for _ in range(count)])
    np.save(out, batch.reshape([count] + shape[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
