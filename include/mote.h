/* Mote MicroRuntime — C API.
 *
 * The runtime never allocates: the caller owns the model bytes, one arena and the interpreter
 * storage below, and keeps all three alive and unmoved while the interpreter is used.
 *
 *   mote_interpreter it;
 *   size_t need;
 *   if (mote_required_arena(model, model_size, work, work_size, &need) != 0) { ... }
 *   if (mote_open(&it, model, model_size, arena, need) != 0) { puts(mote_error_text(&it)); ... }
 *
 * An application that links only the kernels its models use opens with its own resolver:
 *
 *   mote_op_resolver ops;
 *   mote_op_resolver_init(&ops);
 *   mote_op_resolver_add_conv_2d(&ops);
 *   mote_op_resolver_add_fully_connected(&ops);
 *   if (mote_open_with_resolver(&it, &ops, model, model_size, arena, arena_size) != 0) { ... }
 *   memcpy(mote_input_data(&it, 0), x, mote_input_bytes(&it, 0));
 *   mote_invoke(&it);
 *   const float *y = mote_output_data(&it, 0);
 *
 * Every function that can fail returns 0 on success and -1 on failure; the reason is then in
 * mote_error_kind (MOTE_ERROR_*) / mote_error_text / mote_error_operator / mote_error_tensor. Model bytes and arena must be 16-byte
 * aligned.
 *
 * No precondition can crash: every function accepts a NULL interpreter, storage that mote_open never
 * ran on, a failed open and out-of-range indices. Then calls that can fail return -1, queries
 * answer "nothing" (0 counts and sizes, -1 types, dimensions and codes, NULL data) and
 * mote_error_text says why. NULL model, arena or `out` pointers are refused the same way.
 */
#ifndef MOTE_H
#define MOTE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Storage for one interpreter; opaque. */
typedef struct {
  _Alignas(16) unsigned char opaque[640];
} mote_interpreter;

/** Tensor element types (TFLite's TensorType codes). */
enum {
  MOTE_FLOAT32 = 0, MOTE_FLOAT16 = 1, MOTE_INT32 = 2, MOTE_UINT8 = 3, MOTE_INT64 = 4,
  MOTE_BOOL = 6, MOTE_INT16 = 7, MOTE_INT8 = 9
};

/** Storage for one operator resolver (a table of up to 128 kernels); opaque. Needed only while
 *  opening: the interpreter keeps what it uses. */
typedef struct {
  _Alignas(16) unsigned char opaque[8192];
} mote_op_resolver;

/** What went wrong (mote_error_kind): MOTE_ERROR_NONE, or one kind per line of mote_error_text. */
enum {
  MOTE_ERROR_NONE = 0,
  MOTE_ERROR_BUFFER_TOO_SMALL = 1,
  MOTE_ERROR_BUFFER_TOO_LARGE = 2,
  MOTE_ERROR_WRONG_FILE_IDENTIFIER = 3,
  MOTE_ERROR_OFFSET_MISALIGNED = 4,
  MOTE_ERROR_OFFSET_ZERO = 5,
  MOTE_ERROR_OFFSET_TOO_LARGE = 6,
  MOTE_ERROR_OFFSET_OUT_OF_BOUNDS = 7,
  MOTE_ERROR_TABLE_MISALIGNED = 8,
  MOTE_ERROR_TABLE_OUT_OF_BOUNDS = 9,
  MOTE_ERROR_VTABLE_MISALIGNED = 10,
  MOTE_ERROR_VTABLE_OUT_OF_BOUNDS = 11,
  MOTE_ERROR_VTABLE_SIZE_ODD = 12,
  MOTE_ERROR_FIELD_MISALIGNED = 13,
  MOTE_ERROR_FIELD_OUT_OF_BOUNDS = 14,
  MOTE_ERROR_VECTOR_MISALIGNED = 15,
  MOTE_ERROR_VECTOR_OUT_OF_BOUNDS = 16,
  MOTE_ERROR_VECTOR_TOO_LONG = 17,
  MOTE_ERROR_STRING_NOT_TERMINATED = 18,
  MOTE_ERROR_NESTING_TOO_DEEP = 19,
  MOTE_ERROR_TOO_MANY_TABLES = 20,
  MOTE_ERROR_UNSUPPORTED_SCHEMA_VERSION = 21,
  MOTE_ERROR_NO_SUBGRAPHS = 22,
  MOTE_ERROR_TOO_MANY_SUBGRAPHS = 23,
  MOTE_ERROR_TOO_MANY_TENSORS = 24,
  MOTE_ERROR_TOO_MANY_OPERATORS = 25,
  MOTE_ERROR_TENSOR_INDEX_OUT_OF_RANGE = 26,
  MOTE_ERROR_BUFFER_INDEX_OUT_OF_RANGE = 27,
  MOTE_ERROR_OPCODE_INDEX_OUT_OF_RANGE = 28,
  MOTE_ERROR_SUBGRAPH_INDEX_OUT_OF_RANGE = 29,
  MOTE_ERROR_NEGATIVE_DIMENSION = 30,
  MOTE_ERROR_TOO_MANY_DIMENSIONS = 31,
  MOTE_ERROR_TENSOR_TOO_LARGE = 32,
  MOTE_ERROR_UNKNOWN_TENSOR_TYPE = 33,
  MOTE_ERROR_CONSTANT_SIZE_MISMATCH = 34,
  MOTE_ERROR_EXTERNAL_BUFFER_UNSUPPORTED = 35,
  MOTE_ERROR_CONSTANT_DATA_MISALIGNED = 36,
  MOTE_ERROR_SPARSE_TENSOR_UNSUPPORTED = 37,
  MOTE_ERROR_VARIANT_TENSOR_UNSUPPORTED = 38,
  MOTE_ERROR_EXTERNAL_TENSOR_BUFFER_UNSUPPORTED = 39,
  MOTE_ERROR_EXTERNAL_BUFFERS_UNSUPPORTED = 40,
  MOTE_ERROR_BUILTIN_OPTIONS2_UNSUPPORTED = 41,
  MOTE_ERROR_QUANTIZATION_COUNT_MISMATCH = 42,
  MOTE_ERROR_QUANTIZED_DIMENSION_OUT_OF_RANGE = 43,
  MOTE_ERROR_QUANTIZATION_CHANNEL_MISMATCH = 44,
  MOTE_ERROR_CUSTOM_QUANTIZATION_UNSUPPORTED = 45,
  MOTE_ERROR_INVALID_SCALE = 46,
  MOTE_ERROR_SIGNATURE_TENSOR_INVALID = 47,
  MOTE_ERROR_METADATA_BUFFER_INVALID = 48,
  MOTE_ERROR_OUTPUT_IS_CONSTANT = 49,
  MOTE_ERROR_INPUT_IS_CONSTANT = 50,
  MOTE_ERROR_TENSOR_WRITTEN_TWICE = 51,
  MOTE_ERROR_TENSOR_READ_BEFORE_WRITTEN = 52,
  MOTE_ERROR_UNSUPPORTED_OPERATOR = 53,
  MOTE_ERROR_UNSUPPORTED_OPERATOR_VERSION = 54,
  MOTE_ERROR_CUSTOM_OPERATOR_UNSUPPORTED = 55,
  MOTE_ERROR_ARENA_TOO_SMALL = 56,
  MOTE_ERROR_ARENA_MISALIGNED = 57,
  MOTE_ERROR_TOO_MANY_SCRATCH_BUFFERS = 58,
  MOTE_ERROR_INPUT_INDEX_OUT_OF_RANGE = 59,
  MOTE_ERROR_OUTPUT_INDEX_OUT_OF_RANGE = 60,
  MOTE_ERROR_SIGNATURE_NAME_NOT_FOUND = 61,
  MOTE_ERROR_NULL_ARGUMENT = 62,
  MOTE_ERROR_MISSING_INPUT = 63,
  MOTE_ERROR_MISSING_OUTPUT = 64,
  MOTE_ERROR_WRONG_INPUT_COUNT = 65,
  MOTE_ERROR_WRONG_OUTPUT_COUNT = 66,
  MOTE_ERROR_UNSUPPORTED_TYPE = 67,
  MOTE_ERROR_TYPE_MISMATCH = 68,
  MOTE_ERROR_SHAPE_MISMATCH = 69,
  MOTE_ERROR_RANK_MISMATCH = 70,
  MOTE_ERROR_BROADCAST_INCOMPATIBLE = 71,
  MOTE_ERROR_INVALID_AXIS = 72,
  MOTE_ERROR_INVALID_STRIDE = 73,
  MOTE_ERROR_INVALID_DILATION = 74,
  MOTE_ERROR_INVALID_FILTER_SIZE = 75,
  MOTE_ERROR_INVALID_OPTION = 76,
  MOTE_ERROR_CONSTANT_REQUIRED = 77,
  MOTE_ERROR_MISSING_QUANTIZATION = 78,
  MOTE_ERROR_INVALID_QUANTIZATION = 79,
  MOTE_ERROR_BIAS_SCALE_MISMATCH = 80,
  MOTE_ERROR_FIXED_OUTPUT_QUANTIZATION = 81,
  MOTE_ERROR_MULTIPLIER_OUT_OF_RANGE = 82,
  MOTE_ERROR_INDEX_OUT_OF_RANGE = 83,
  MOTE_ERROR_DIVISION_BY_ZERO = 84,
  MOTE_ERROR_INTERPRETER_NOT_OPENED = 85,
  MOTE_ERROR_RESOLVER_NOT_INITIALIZED = 86
};

/** Size in bytes of mote_interpreter's storage that the runtime needs (<= sizeof). */
size_t mote_interpreter_storage_size(void);

/** Stores in *out the exact arena size the model needs, in one pass that packs nothing. `work`
 *  (16-byte aligned) holds the tensor and operator records meanwhile: it needs far less than the
 *  arena (the records are the arena's first bytes). When `work` is NULL or smaller than that,
 *  returns -1 with *out = the work bytes needed, so a second call with that much succeeds; when
 *  the model cannot be opened, returns -1 with *out = 0 (mote_open on a buffer of the work size
 *  says why). */
int mote_required_arena(const void *model, size_t model_size, void *work, size_t work_size, size_t *out);
/** mote_required_arena with the kernels of `resolver`. */
int mote_required_arena_with_resolver(const mote_op_resolver *resolver, const void *model, size_t model_size,
                                      void *work, size_t work_size, size_t *out);

/** Verifies the model, prepares every operator and plans the arena, with every kernel Mote has. An
 *  arena that is too small fails with MOTE_ERROR_ARENA_TOO_SMALL and mote_error_expected = the
 *  exact size needed (or, when the arena cannot even hold the records, the work size above). */
int mote_open(mote_interpreter *it, const void *model, size_t model_size, void *arena, size_t arena_size);
/** mote_open with only the kernels added to `resolver`. */
int mote_open_with_resolver(mote_interpreter *it, const mote_op_resolver *resolver, const void *model,
                            size_t model_size, void *arena, size_t arena_size);

/** Empties the resolver at `r`: 0, or -1 when `r` is NULL. */
int mote_op_resolver_init(mote_op_resolver *r);
/** Adds every kernel; or one operator's kernel (all its types and versions). 0, or -1 when `r` was
 *  not initialized or is full. */
int mote_op_resolver_add_all(mote_op_resolver *r);
int mote_op_resolver_add_add(mote_op_resolver *r);
int mote_op_resolver_add_average_pool_2d(mote_op_resolver *r);
int mote_op_resolver_add_batch_matmul(mote_op_resolver *r);
int mote_op_resolver_add_concatenation(mote_op_resolver *r);
int mote_op_resolver_add_conv_2d(mote_op_resolver *r);
int mote_op_resolver_add_depthwise_conv_2d(mote_op_resolver *r);
int mote_op_resolver_add_dequantize(mote_op_resolver *r);
int mote_op_resolver_add_div(mote_op_resolver *r);
int mote_op_resolver_add_expand_dims(mote_op_resolver *r);
int mote_op_resolver_add_fully_connected(mote_op_resolver *r);
int mote_op_resolver_add_gather(mote_op_resolver *r);
int mote_op_resolver_add_hard_swish(mote_op_resolver *r);
int mote_op_resolver_add_leaky_relu(mote_op_resolver *r);
int mote_op_resolver_add_logistic(mote_op_resolver *r);
int mote_op_resolver_add_max_pool_2d(mote_op_resolver *r);
int mote_op_resolver_add_maximum(mote_op_resolver *r);
int mote_op_resolver_add_mean(mote_op_resolver *r);
int mote_op_resolver_add_minimum(mote_op_resolver *r);
int mote_op_resolver_add_mul(mote_op_resolver *r);
int mote_op_resolver_add_pack(mote_op_resolver *r);
int mote_op_resolver_add_pad(mote_op_resolver *r);
int mote_op_resolver_add_padv2(mote_op_resolver *r);
int mote_op_resolver_add_prelu(mote_op_resolver *r);
int mote_op_resolver_add_quantize(mote_op_resolver *r);
int mote_op_resolver_add_relu(mote_op_resolver *r);
int mote_op_resolver_add_relu6(mote_op_resolver *r);
int mote_op_resolver_add_reshape(mote_op_resolver *r);
int mote_op_resolver_add_resize_bilinear(mote_op_resolver *r);
int mote_op_resolver_add_resize_nearest_neighbor(mote_op_resolver *r);
int mote_op_resolver_add_shape(mote_op_resolver *r);
int mote_op_resolver_add_slice(mote_op_resolver *r);
int mote_op_resolver_add_softmax(mote_op_resolver *r);
int mote_op_resolver_add_split(mote_op_resolver *r);
int mote_op_resolver_add_split_v(mote_op_resolver *r);
int mote_op_resolver_add_squeeze(mote_op_resolver *r);
int mote_op_resolver_add_strided_slice(mote_op_resolver *r);
int mote_op_resolver_add_sub(mote_op_resolver *r);
int mote_op_resolver_add_sum(mote_op_resolver *r);
int mote_op_resolver_add_tanh(mote_op_resolver *r);
int mote_op_resolver_add_transpose(mote_op_resolver *r);
int mote_op_resolver_add_unpack(mote_op_resolver *r);

/** The arena bytes the open model uses (exactly what mote_required_arena reported). */
size_t mote_arena_used(const mote_interpreter *it);

int mote_input_count(const mote_interpreter *it);
int mote_output_count(const mote_interpreter *it);

/** Data pointer, byte size, type (MOTE_*), rank and dimensions of input/output `i`. */
void *mote_input_data(mote_interpreter *it, int i);
size_t mote_input_bytes(const mote_interpreter *it, int i);
int mote_input_type(const mote_interpreter *it, int i);
int mote_input_rank(const mote_interpreter *it, int i);
int mote_input_dim(const mote_interpreter *it, int i, int d);
const void *mote_output_data(const mote_interpreter *it, int i);
size_t mote_output_bytes(const mote_interpreter *it, int i);
int mote_output_type(const mote_interpreter *it, int i);
int mote_output_rank(const mote_interpreter *it, int i);
int mote_output_dim(const mote_interpreter *it, int i, int d);
/** Quantization of input/output `i` (scale 0 when not quantized). */
float mote_input_scale(const mote_interpreter *it, int i);
int mote_input_zero_point(const mote_interpreter *it, int i);

/** Runs the model once. */
int mote_invoke(mote_interpreter *it);
/** Runs operator `op` alone (for profiling); the operators before it must have run. */
int mote_invoke_operator(mote_interpreter *it, int op);
/** Number of operators and the builtin code of operator `op` (TFLite's BuiltinOperator). */
int mote_operator_count(const mote_interpreter *it);
int mote_operator_code(const mote_interpreter *it, int op);
/** The name of a builtin operator code, e.g. "CONV_2D". */
const char *mote_operator_name(int code);

/** The kind of the last error (MOTE_ERROR_*), MOTE_ERROR_NONE when none. */
int mote_error_kind(const mote_interpreter *it);
/** The last error as one line of static text, or "" when none. */
const char *mote_error_text(const mote_interpreter *it);
/** Operator / tensor index of the last error, or -1. */
int mote_error_operator(const mote_interpreter *it);
int mote_error_tensor(const mote_interpreter *it);
/** Expected / found values of the last error (sizes, counts, type codes), or -1. */
long long mote_error_expected(const mote_interpreter *it);
long long mote_error_found(const mote_interpreter *it);

#ifdef __cplusplus
}
#endif
#endif
