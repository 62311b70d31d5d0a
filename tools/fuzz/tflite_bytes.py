#!/usr/bin/env python3
"""A tiny in-place reader and patcher for .tflite FlatBuffers (no dependencies).

It finds the byte position of a field of a model and overwrites it without moving anything else,
which is how make_malicious.py turns a valid fixture into a hostile one with exactly one fault.

    python3 tools/fuzz/tflite_bytes.py describe MODEL.tflite   # operators, tensors, options
"""
import struct
import sys

# Field ids of the tables we touch (schema/tflite.fbs).
MODEL = dict(version=0, operator_codes=1, subgraphs=2, description=3, buffers=4)
OPCODE = dict(deprecated_builtin_code=0, version=2, builtin_code=3)
SUBGRAPH = dict(tensors=0, inputs=1, outputs=2, operators=3)
TENSOR = dict(shape=0, type=1, buffer=2, name=3, quantization=4, is_variable=5)
QUANT = dict(scale=2, zero_point=3, quantized_dimension=6)
OPERATOR = dict(opcode_index=0, inputs=1, outputs=2, builtin_options_type=3, builtin_options=4)
BUFFER = dict(data=0)


class FB:
    """A FlatBuffer held as a bytearray, with position-level access."""

    def __init__(self, data):
        self.b = bytearray(data)

    def u8(self, p): return self.b[p]
    def i8(self, p): return struct.unpack_from('<b', self.b, p)[0]
    def u16(self, p): return struct.unpack_from('<H', self.b, p)[0]
    def i32(self, p): return struct.unpack_from('<i', self.b, p)[0]
    def u32(self, p): return struct.unpack_from('<I', self.b, p)[0]
    def f32(self, p): return struct.unpack_from('<f', self.b, p)[0]
    def i64(self, p): return struct.unpack_from('<q', self.b, p)[0]

    def put(self, fmt, p, v): struct.pack_into('<' + fmt, self.b, p, v)

    def root(self): return self.u32(0)

    def field(self, table, fid):
        """Absolute position of field `fid` of the table at `table`, or None when absent."""
        vt = table - self.i32(table)
        if 4 + 2 * fid + 2 > self.u16(vt):
            return None
        o = self.u16(vt + 4 + 2 * fid)
        return table + o if o else None

    def ref(self, table, fid):
        """Position an offset field points to (a table, vector or string), or None."""
        p = self.field(table, fid)
        return None if p is None else p + self.u32(p)

    def vector(self, table, fid):
        """(position of the length word, length) of a vector field, or (None, 0)."""
        p = self.ref(table, fid)
        return (None, 0) if p is None else (p, self.u32(p))

    def tables(self, table, fid):
        """Positions of the tables in a vector-of-tables field."""
        p, n = self.vector(table, fid)
        return [] if p is None else [p + 4 + 4 * i + self.u32(p + 4 + 4 * i) for i in range(n)]

    def ints(self, table, fid, width=4):
        p, n = self.vector(table, fid)
        fmt = '<i' if width == 4 else '<q'
        return [] if p is None else [struct.unpack_from(fmt, self.b, p + 4 + width * i)[0] for i in range(n)]


class Model:
    """Named positions inside a model: subgraph 0, its tensors and operators, the buffers."""

    def __init__(self, data):
        self.fb = FB(data)
        fb = self.fb
        self.root = fb.root()
        self.opcodes = fb.tables(self.root, MODEL['operator_codes'])
        self.subgraph = fb.tables(self.root, MODEL['subgraphs'])[0]
        self.tensors = fb.tables(self.subgraph, SUBGRAPH['tensors'])
        self.operators = fb.tables(self.subgraph, SUBGRAPH['operators'])
        self.buffers = fb.tables(self.root, MODEL['buffers'])

    @property
    def bytes(self): return bytes(self.fb.b)

    def tensor_field(self, t, name): return self.fb.field(self.tensors[t], TENSOR[name])

    def shape(self, t): return self.fb.ints(self.tensors[t], TENSOR['shape'])

    def shape_vector(self, t): return self.fb.vector(self.tensors[t], TENSOR['shape'])

    def quant(self, t): return self.fb.ref(self.tensors[t], TENSOR['quantization'])

    def buffer_data(self, b):
        """(position of the first data byte, length) of buffer `b`."""
        p, n = self.fb.vector(self.buffers[b], BUFFER['data'])
        return (None, 0) if p is None else (p + 4, n)

    def tensor_buffer(self, t):
        p = self.tensor_field(t, 'buffer')
        return 0 if p is None else self.fb.u32(p)

    def op_inputs(self, k): return self.fb.ints(self.operators[k], OPERATOR['inputs'])

    def op_outputs(self, k): return self.fb.ints(self.operators[k], OPERATOR['outputs'])

    def op_vector(self, k, name): return self.fb.vector(self.operators[k], OPERATOR[name])

    def options(self, k):
        """Position of operator k's builtin options table, or None."""
        return self.fb.ref(self.operators[k], OPERATOR['builtin_options'])

    def option_field(self, k, fid):
        o = self.options(k)
        return None if o is None else self.fb.field(o, fid)

    def opcode(self, k):
        """(builtin code, version) of operator k."""
        fb = self.fb
        oi = fb.field(self.operators[k], OPERATOR['opcode_index'])
        c = self.opcodes[fb.u32(oi) if oi is not None else 0]
        dep = fb.field(c, OPCODE['deprecated_builtin_code'])
        bc = fb.field(c, OPCODE['builtin_code'])
        ver = fb.field(c, OPCODE['version'])
        code = max(fb.i8(dep) if dep is not None else 0, fb.i32(bc) if bc is not None else 0)
        return code, (fb.i32(ver) if ver is not None else 1)


def describe(path):
    m = Model(open(path, 'rb').read())
    fb = m.fb
    print(f'{path}: {len(fb.b)} bytes, {len(m.tensors)} tensors, {len(m.operators)} operators')
    print('inputs', fb.ints(m.subgraph, SUBGRAPH['inputs']), 'outputs', fb.ints(m.subgraph, SUBGRAPH['outputs']))
    for t in range(len(m.tensors)):
        tp = m.tensor_field(t, 'type')
        q = m.quant(t)
        qs = ''
        if q is not None:
            sp, sn = fb.vector(q, QUANT['scale'])
            scales = [fb.f32(sp + 4 + 4 * i) for i in range(min(sn, 3))] if sp is not None else []
            qs = f' scales({sn}) {scales} zp {fb.ints(q, QUANT["zero_point"], 8)[:3]}'
        b = m.tensor_buffer(t)
        print(f'  t{t}: type {fb.i8(tp) if tp is not None else 0} shape {m.shape(t)} buffer {b} '
              f'({m.buffer_data(b)[1] if b < len(m.buffers) else "?"} bytes){qs}')
    for k in range(len(m.operators)):
        code, ver = m.opcode(k)
        o = m.options(k)
        ot = fb.field(m.operators[k], OPERATOR['builtin_options_type'])
        print(f'  op{k}: code {code} v{ver} in {m.op_inputs(k)} out {m.op_outputs(k)} '
              f'options type {fb.u8(ot) if ot is not None else 0} at {o}')


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'describe':
        describe(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
