#!/usr/bin/env python3
"""Writes Tests/Fixtures/malicious/*.tflite: hostile models, one per bug class, and their README.

Each model is a valid fixture with exactly one field rewritten in place (tflite_bytes.py finds the
byte position from the FlatBuffer layout; nothing else moves), so the runtime must get past
everything else and refuse the model at the planted fault with the named MicroError kind.
HostileModelTests.swift asserts the same kinds; keep CASES and that test's table in step.

    python3 tools/fuzz/make_malicious.py            # regenerate (deterministic)
"""
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tflite_bytes import Model, OPCODE, OPERATOR, QUANT, SUBGRAPH, TENSOR  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FIXTURES = os.path.join(ROOT, 'Tests', 'Fixtures')
OUT = os.path.join(FIXTURES, 'malicious')

# Option field ids (schema/tflite.fbs).
CONV = dict(padding=0, stride_w=1, stride_h=2, activation=3, dilation_w=4, dilation_h=5)
POOL = dict(padding=0, stride_w=1, stride_h=2, filter_w=3, filter_h=4, activation=5)
DEPTHWISE = dict(padding=0, stride_w=1, stride_h=2, depth_multiplier=3, activation=4, dilation_w=5, dilation_h=6)
CONCAT = dict(axis=0, activation=1)


def need(p, what):
    if p is None:
        raise SystemExit(f'make_malicious: {what} is absent in the base model; pick another fixture')
    return p


def set_i32(m, p, v, what='field'): m.fb.put('i', need(p, what), v)
def set_u32(m, p, v, what='field'): m.fb.put('I', need(p, what), v)


def set_shape_dim(m, t, i, v):
    p, n = m.shape_vector(t)
    assert i < n
    m.fb.put('i', p + 4 + 4 * i, v)


def set_const_i32(m, t, i, v):
    p, n = m.buffer_data(m.tensor_buffer(t))
    assert 4 * i < n
    m.fb.put('i', p + 4 * i, v)


def set_op_index(m, k, vec, i, v):
    p, n = m.op_vector(k, vec)
    assert i < n
    m.fb.put('i', p + 4 + 4 * i, v)


def quant_vector(m, t, name):
    return m.fb.vector(need(m.quant(t), f'tensor {t} quantization'), QUANT[name])


# ---- the patches -------------------------------------------------------------------------------

def root_offset_out_of_bounds(m):
    m.fb.put('I', 0, len(m.fb.b) + 64)


def vtable_out_of_bounds(m):
    # The tensor's soffset to its vtable points far past the end of the buffer.
    m.fb.put('i', m.tensors[0], -0x100000)


def vector_too_long(m):
    p, _ = m.shape_vector(0)
    m.fb.put('I', p, 0x40000000)


def string_not_terminated(m):
    p = m.fb.ref(m.tensors[0], TENSOR['name'])
    n = m.fb.u32(p)
    m.fb.b[p + 4 + n] = ord('X')


def tensor_index_out_of_range(m):
    set_op_index(m, 0, 'inputs', 0, 999)


def buffer_index_out_of_range(m):
    set_u32(m, m.tensor_field(2, 'buffer'), 999)


def opcode_index_out_of_range(m):
    for op in m.operators:
        p = m.fb.field(op, OPERATOR['opcode_index'])
        if p is not None:
            m.fb.put('I', p, 77)
            return
    need(None, 'an opcode_index field')


def negative_dimension(m):
    set_shape_dim(m, 3, 1, -5)


def shape_product_overflow(m):
    # 0x7fffffff * 0x7fffffff * 4 bytes: the byte size overflows 2 GB (and 32-bit arithmetic).
    set_shape_dim(m, 3, 0, 0x7FFFFFFF)
    set_shape_dim(m, 3, 1, 0x7FFFFFFF)


def too_many_dimensions(m):
    p, _ = m.shape_vector(0)
    m.fb.put('I', p, 9)   # the next 7 words of the buffer become dimensions 2...8


def constant_size_mismatch(m):
    set_shape_dim(m, 2, 1, 65)   # weights [32, 65] but the buffer holds 32 * 64 floats


def quantized_dimension_out_of_range(m):
    q = need(m.quant(2), 'weights quantization')
    set_i32(m, m.fb.field(q, QUANT['quantized_dimension']), 4, 'quantized_dimension')


def per_channel_count_mismatch(m):
    # 4 output channels, 3 scales and 3 zero points.
    for name in ('scale', 'zero_point'):
        p, n = quant_vector(m, 2, name)
        assert n == 4
        m.fb.put('I', p, 3)


def quantization_count_mismatch(m):
    p, n = quant_vector(m, 0, 'zero_point')
    assert n == 1
    m.fb.put('I', p, 0)   # one scale, no zero point


def scale_nan(m):
    p, _ = quant_vector(m, 0, 'scale')
    m.fb.put('f', p + 4, math.nan)


def scale_negative(m):
    p, _ = quant_vector(m, 3, 'scale')
    m.fb.put('f', p + 4, -0.5)


def scale_zero(m):
    p, _ = quant_vector(m, 3, 'scale')
    m.fb.put('f', p + 4, 0.0)


def zero_point_out_of_range(m):
    p, _ = quant_vector(m, 0, 'zero_point')
    m.fb.put('q', p + 4, 300)


def zero_point_wraps_32_bits(m):
    # 2^32 is 0 after truncation to the runtime's Int32: it must be refused, not read as 0.
    p, _ = quant_vector(m, 0, 'zero_point')
    m.fb.put('q', p + 4, 2**32)


def missing_quantization(m):
    # The int8 output keeps its QuantizationParameters table but both vectors become empty.
    for name in ('scale', 'zero_point'):
        p, _ = quant_vector(m, 3, name)
        m.fb.put('I', p, 0)


def softmax_output_scale_denormal(m):
    # 1 / scale is +Inf: a float-to-integer conversion on it traps.
    p, _ = quant_vector(m, 1, 'scale')
    m.fb.put('f', p + 4, 1.401298464324817e-45)


def concat_zero_point_int32_min(m):
    # Requantizing into a zero point of -2^31 overflowed 32-bit arithmetic in eval.
    p, _ = quant_vector(m, 2, 'zero_point')
    m.fb.put('q', p + 4, -2**31)


def resize_empty_input(m):
    set_shape_dim(m, 0, 2, 0)   # a 4x0 image resized to 7x9


def pad_size_wraps_32_bits(m):
    # 5 + (2^31 - 1) + (2^31 - 1) wraps to 3 in a 32-bit dimension, which the output claims:
    # the copy then lands 2^31 rows past the output (found by auditing Dims stores).
    p, _ = m.buffer_data(m.tensor_buffer(1))
    m.fb.put('i', p + 8, 2**31 - 1)
    m.fb.put('i', p + 12, 2**31 - 1)
    set_shape_dim(m, 2, 1, 3)


def batch_matmul_zero_batch(m):
    # A batch of 0 broadcast against 1 is 0, not 1: the kernel read the empty operand (found by fuzzing).
    set_shape_dim(m, 0, 0, 0)


def conv_zero_input_channels(m):
    # 0 input channels make 0 groups: output channels % groups divided by zero (found by fuzzing).
    set_shape_dim(m, 0, 3, 0)


def sum_zero_point_int32_min(m):
    # -zero_point overflows 32 bits for -2^31 (found by fuzzing).
    p, _ = quant_vector(m, 0, 'zero_point')
    m.fb.put('q', p + 4, -2**31)


def pool_empty_output_huge_width(m):
    # [1, 3, 2^26 + 4, 0] floats: no element, but 201 million output positions to walk (the fuzzer
    # found the int8 [1, 3, 2^28 + 16, 0] one by a timeout).
    for t in (0, 1):
        for i, v in enumerate((1, 3, 67108868, 0)):
            set_shape_dim(m, t, i, v)


def graph_cycle(m):
    # Operator 0 reads its own output: a cycle that a naive scheduler would loop on.
    set_op_index(m, 0, 'inputs', 0, 3)


def tensor_written_twice(m):
    set_op_index(m, 1, 'outputs', 0, 3)


def output_is_constant(m):
    set_op_index(m, 0, 'outputs', 0, 2)


def input_is_constant(m):
    p, _ = m.fb.vector(m.subgraph, SUBGRAPH['inputs'])
    m.fb.put('i', p + 4, 2)


def unsupported_operator_version(m):
    c = m.opcodes[0]
    set_i32(m, m.fb.field(c, OPCODE['version']), 99, 'opcode version')


def custom_operator(m):
    c = m.opcodes[0]
    set_i32(m, m.fb.field(c, OPCODE['builtin_code']), 32, 'builtin_code')   # CUSTOM
    m.fb.put('b', need(m.fb.field(c, OPCODE['deprecated_builtin_code']), 'deprecated code'), 32)


def arena_exhaustion(m):
    # SHAPE never reads its input's data, so only the planner sees this input of 2^31 - 4 bytes
    # (233 * 1103 * 2089 floats): the largest tensor the checks allow, and an arena above 2 GB.
    for i, v in enumerate((233, 1103, 2089)):
        set_shape_dim(m, 0, i, v)


def conv_stride_zero(m):
    set_i32(m, m.option_field(0, CONV['stride_w']), 0, 'stride_w')


def conv_dilation_zero(m):
    set_i32(m, m.option_field(0, CONV['dilation_h']), 0, 'dilation_h')


def conv_dilation_overflow(m):
    # (filter - 1) * dilation + 1 overflows 32 bits.
    set_i32(m, m.option_field(0, CONV['dilation_h']), 0x7FFFFFFF, 'dilation_h')


def depthwise_zero_input_channels(m):
    # The depth multiplier is output channels / input channels: 0 input channels divides by zero.
    set_shape_dim(m, 0, 3, 0)


def pool_filter_zero(m):
    set_i32(m, m.option_field(0, POOL['filter_w']), 0, 'filter_width')


def pool_stride_zero(m):
    set_i32(m, m.option_field(0, POOL['stride_h']), 0, 'stride_h')


def concat_axis_out_of_range(m):
    set_i32(m, m.option_field(0, CONCAT['axis']), 9, 'axis')


def transpose_perm_out_of_range(m):
    set_const_i32(m, 1, 1, 9)


def reduce_axis_out_of_range(m):
    set_const_i32(m, 1, 0, -9)


def strided_slice_stride_zero(m):
    set_const_i32(m, 3, 3, 0)   # axis 3 (axis 1 is a shrink axis, where the stride is unused)


# name, base fixture, bug class, MicroErrorKind (Swift case name), patch
CASES = [
    ('root_offset_out_of_bounds', 'mlp/float', 'unchecked FlatBuffer offset (root)', 'offsetOutOfBounds', root_offset_out_of_bounds),
    ('vtable_out_of_bounds', 'mlp/float', 'unchecked FlatBuffer offset (vtable)', 'vtableOutOfBounds', vtable_out_of_bounds),
    ('vector_too_long', 'mlp/float', 'unchecked vector length', 'vectorTooLong', vector_too_long),
    ('string_not_terminated', 'mlp/float', 'string read past its end', 'stringNotTerminated', string_not_terminated),
    ('tensor_index_out_of_range', 'mlp/float', 'tensor index out of range', 'tensorIndexOutOfRange', tensor_index_out_of_range),
    ('buffer_index_out_of_range', 'mlp/float', 'buffer index out of range', 'bufferIndexOutOfRange', buffer_index_out_of_range),
    ('opcode_index_out_of_range', 'dw_separable/float', 'operator code index out of range', 'opcodeIndexOutOfRange', opcode_index_out_of_range),
    ('negative_dimension', 'mlp/float', 'negative dimension', 'negativeDimension', negative_dimension),
    ('shape_product_overflow', 'mlp/float', 'integer overflow in a size computation', 'tensorTooLarge', shape_product_overflow),
    ('too_many_dimensions', 'mlp/float', 'rank beyond the fixed dimension storage', 'tooManyDimensions', too_many_dimensions),
    ('constant_size_mismatch', 'mlp/float', 'constant buffer shorter than its shape', 'constantSizeMismatch', constant_size_mismatch),
    ('quantized_dimension_out_of_range', 'depthwise_m2_same_s1/int8', 'quantized_dimension out of range', 'quantizedDimensionOutOfRange', quantized_dimension_out_of_range),
    ('per_channel_count_mismatch', 'conv2d_same_s1/int8', 'per-channel scale count differs from the channels', 'quantizationChannelMismatch', per_channel_count_mismatch),
    ('quantization_count_mismatch', 'conv2d_same_s1/int8', 'zero points read without checking they exist', 'quantizationCountMismatch', quantization_count_mismatch),
    ('scale_nan', 'conv2d_same_s1/int8', 'NaN quantization scale', 'invalidScale', scale_nan),
    ('scale_negative', 'conv2d_same_s1/int8', 'negative quantization scale', 'invalidScale', scale_negative),
    ('scale_zero', 'conv2d_same_s1/int8', 'zero scale (division by zero in requantization)', 'missingQuantization', scale_zero),
    ('zero_point_out_of_range', 'conv2d_same_s1/int8', 'int8 zero point outside [-128, 127]', 'invalidQuantization', zero_point_out_of_range),
    ('zero_point_wraps_32_bits', 'conv2d_same_s1/int8', 'zero point truncated to 32 bits (found by audit)', 'invalidQuantization', zero_point_wraps_32_bits),
    ('missing_quantization', 'conv2d_same_s1/int8', 'quantization parameters read without checking they exist', 'missingQuantization', missing_quantization),
    ('softmax_output_scale_denormal', 'softmax/int8', 'float-to-integer conversion of 1 / scale (found by fuzzing)', 'fixedOutputQuantization', softmax_output_scale_denormal),
    ('concat_zero_point_int32_min', 'concat_axis1/int8', 'integer overflow in requantization (found by fuzzing)', 'invalidQuantization', concat_zero_point_int32_min),
    ('resize_empty_input', 'resize_bilinear_up_align_corners/float', 'read from an empty input (found by fuzzing)', 'shapeMismatch', resize_empty_input),
    ('pad_size_wraps_32_bits', 'pad_hw/float', 'integer overflow: padded size wraps 32 bits', 'tensorTooLarge', pad_size_wraps_32_bits),
    ('batch_matmul_zero_batch', 'batch_matmul_4d_bcast/float', 'read from an empty operand: broadcast of 0 against 1 (found by fuzzing)', 'shapeMismatch', batch_matmul_zero_batch),
    ('conv_zero_input_channels', 'conv2d_same_s1/float', 'division by zero: convolution groups from 0 channels (found by fuzzing)', 'shapeMismatch', conv_zero_input_channels),
    ('sum_zero_point_int32_min', 'sum_hw/int8', 'integer overflow: negating a -2^31 zero point (found by fuzzing)', 'invalidQuantization', sum_zero_point_int32_min),
    ('pool_empty_output_huge_width', 'avgpool_same_3x3_s1/float', 'unbounded work on an empty tensor (found by fuzzing: timeout)', None, pool_empty_output_huge_width),
    ('graph_cycle', 'mlp/float', 'cycle in the graph (infinite loop)', 'tensorReadBeforeWritten', graph_cycle),
    ('tensor_written_twice', 'mlp/float', 'two writers of one tensor', 'tensorWrittenTwice', tensor_written_twice),
    ('output_is_constant', 'mlp/float', 'operator writes into the model bytes', 'outputIsConstant', output_is_constant),
    ('input_is_constant', 'mlp/float', 'caller writes into the model bytes', 'inputIsConstant', input_is_constant),
    ('unsupported_operator_version', 'conv2d_same_s1/int8', 'operator version beyond the kernel', 'unsupportedOperatorVersion', unsupported_operator_version),
    ('custom_operator', 'conv2d_same_s1/int8', 'custom operator', 'customOperatorUnsupported', custom_operator),
    ('arena_exhaustion', 'shape/float', 'arena size from model data (2 GB activation)', 'arenaTooSmall', arena_exhaustion),
    ('conv_stride_zero', 'conv2d_dilation2/float', 'division by zero: stride 0', 'invalidStride', conv_stride_zero),
    ('conv_dilation_zero', 'conv2d_dilation2/float', 'dilation 0', 'invalidDilation', conv_dilation_zero),
    ('conv_dilation_overflow', 'conv2d_dilation2/float', 'integer overflow: effective filter size', 'invalidFilterSize', conv_dilation_overflow),
    ('depthwise_zero_input_channels', 'depthwise_m2_same_s1/int8', 'division by zero: depth multiplier from 0 channels', 'shapeMismatch', depthwise_zero_input_channels),
    ('pool_filter_zero', 'maxpool_valid_2x2_s2/float', 'pool size 0', 'invalidFilterSize', pool_filter_zero),
    ('pool_stride_zero', 'maxpool_valid_2x2_s2/float', 'division by zero: pool stride 0', 'invalidStride', pool_stride_zero),
    ('concat_axis_out_of_range', 'concat_axis1/float', 'unchecked axis (option)', 'invalidAxis', concat_axis_out_of_range),
    ('transpose_perm_out_of_range', 'transpose_nhwc_nchw/float', 'unchecked axis (permutation tensor)', 'invalidAxis', transpose_perm_out_of_range),
    ('reduce_axis_out_of_range', 'mean_c/float', 'unchecked axis (negative, reduction)', 'invalidAxis', reduce_axis_out_of_range),
    ('strided_slice_stride_zero', 'strided_slice_shrink/float', 'division by zero: slice stride 0', 'invalidStride', strided_slice_stride_zero),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, base, bug, kind, patch in CASES:
        m = Model(open(os.path.join(FIXTURES, base, 'model.tflite'), 'rb').read())
        before = m.bytes
        patch(m)
        assert m.bytes != before, name
        # Models with kind None are hostile but valid: they must open and run, and quickly.
        path = os.path.join(OUT, name + '.tflite') if kind else os.path.join(OUT, 'runs', name + '.tflite')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(m.bytes)
        rows.append(f'| `{os.path.relpath(path, OUT)}` | {bug} | `{base}` | ' + (f'`.{kind}` |' if kind else 'none: runs in < 1 s |'))
    with open(os.path.join(OUT, 'README.md'), 'w') as f:
        f.write('# Hostile models\n\n'
                'Each file is a fixture with one field rewritten in place by `tools/fuzz/make_malicious.py`\n'
                '(regenerate with `python3 tools/fuzz/make_malicious.py`). MicroRuntime must refuse each one\n'
                'with the MicroError kind below, never crash (the models under `runs/` are valid and must run, fast); `Tests/MicroRuntimeTests/HostileModelTests.swift`\n'
                'asserts it, and `tools/fuzz/run.sh` uses them as fuzzing seeds.\n\n'
                '| model | bug class | made from | error |\n| --- | --- | --- | --- |\n')
        f.write('\n'.join(rows) + '\n')
    print(f'wrote {len(CASES)} models to {os.path.relpath(OUT, ROOT)}')


if __name__ == '__main__':
    main()
