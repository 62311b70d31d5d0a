#!/usr/bin/env python3
"""Runs a .tflite model in Google's LiteRT interpreter: the oracle for Mote's Converter tests.

usage: converter_litert.py MODEL.tflite INPUTS.npy OUT.npy [--ref]

INPUTS.npy holds a batch of model inputs (leading axis = sample); each sample runs through the model
(batch 1) and the outputs are stacked into OUT.npy. With --ref LiteRT uses its BUILTIN_REF reference
kernels (the bit-exactness oracle for int8), else its default BUILTIN kernels. Float inputs given to
an int8 model are an error, never silently quantized.
"""
import sys

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    model, inputs_path, out_path = argv[1:4]
    ref = "--ref" in argv[4:]
    kind = OpResolverType.BUILTIN_REF if ref else OpResolverType.BUILTIN
    interp = Interpreter(model_path=model, experimental_op_resolver_type=kind)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    out = interp.get_output_details()[0]
    batch = np.load(inputs_path)
    if batch.dtype != inp["dtype"]:
        print(f"inputs are {batch.dtype}, model input is {np.dtype(inp['dtype'])}", file=sys.stderr)
        return 1
    results = []
    for sample in batch:
        interp.set_tensor(inp["index"], sample.reshape(inp["shape"]))
        interp.invoke()
        results.append(interp.get_tensor(out["index"]).reshape(-1).copy())
    np.save(out_path, np.stack(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
