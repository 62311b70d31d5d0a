#ifndef MOTE_FLATBUFFERS_H
#define MOTE_FLATBUFFERS_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
/// Runs the flatbuffers C++ verifier (generated from schema/tflite.fbs) over a whole .tflite
/// buffer, including the "TFL3" file identifier. Returns 1 when the buffer is valid, 0 otherwise.
int mote_fb_verify_model(const uint8_t *data, size_t size);

// ---- Building a .tflite model -------------------------------------------------------------------
// A builder writes back to front: create children (strings, vectors, tables) first, then the table
// that refers to them, by the 32-bit offsets these functions return. Offset 0 means "absent".
// Enum arguments carry the raw values of schema/tflite.fbs (TensorType, BuiltinOperator, ...).

/// An opaque flatbuffers::FlatBufferBuilder; owned by the caller until mote_fb_builder_free.
typedef struct mote_fb_builder mote_fb_builder;

/// Creates a builder with `initial_size` bytes reserved (it grows as needed).
mote_fb_builder *mote_fb_builder_create(size_t initial_size);
/// Frees a builder and the bytes it holds (pointers from mote_fb_builder_data die with it).
void mote_fb_builder_free(mote_fb_builder *b);
/// Finishes the buffer with `root` (a Model) as root table and the "TFL3" file identifier.
void mote_fb_finish_model(mote_fb_builder *b, uint32_t root);
/// The finished bytes (valid until the builder is freed); stores their count in `*size`.
const uint8_t *mote_fb_builder_data(mote_fb_builder *b, size_t *size);

/// A string of `length` bytes (need not be NUL-terminated).
uint32_t mote_fb_string(mote_fb_builder *b, const char *chars, size_t length);
/// A vector of int32 scalars.
uint32_t mote_fb_vector_i32(mote_fb_builder *b, const int32_t *values, size_t count);
/// A vector of int64 scalars.
uint32_t mote_fb_vector_i64(mote_fb_builder *b, const int64_t *values, size_t count);
/// A vector of float scalars.
uint32_t mote_fb_vector_f32(mote_fb_builder *b, const float *values, size_t count);
/// A vector of tables, given by their offsets in order.
uint32_t mote_fb_vector_tables(mote_fb_builder *b, const uint32_t *offsets, size_t count);

/// QuantizationParameters: `count` scales and zero points (1 = per-tensor, more = per-axis along
/// `quantized_dimension`); `min`/`max` may be NULL (then `minmax_count` is ignored).
uint32_t mote_fb_quantization(mote_fb_builder *b, const float *scale, const int64_t *zero_point, size_t count,
                              int32_t quantized_dimension, const float *min, const float *max, size_t minmax_count);
/// Tensor: shape, TensorType, buffer index, name (string offset), quantization (0 = none).
uint32_t mote_fb_tensor(mote_fb_builder *b, const int32_t *shape, size_t rank, int8_t type, uint32_t buffer,
                        uint32_t name, uint32_t quantization);
/// Buffer holding `count` bytes of data aligned to 16 bytes in the file; `data` NULL or `count` 0
/// makes the empty buffer (used by buffer 0 and by every non-constant tensor).
uint32_t mote_fb_buffer(mote_fb_builder *b, const uint8_t *data, size_t count);

/// Values for one builtin options table; `kind` is the BuiltinOptions union tag (0 = no options)
/// and selects which fields are read.
typedef struct mote_fb_options {
  uint8_t kind;                 ///< BuiltinOptions tag: 1 Conv2D, 2 DepthwiseConv2D, 5 Pool2D, 8 FullyConnected, ...
  int8_t padding;               ///< Padding: 0 SAME, 1 VALID.
  int8_t activation;            ///< ActivationFunctionType (fused_activation_function).
  int8_t keep_dims;             ///< ReducerOptions.keep_dims / FullyConnectedOptions.keep_num_dims.
  int8_t asymmetric_quantize_inputs; ///< FullyConnectedOptions.asymmetric_quantize_inputs.
  int32_t stride_w, stride_h;   ///< Conv / pool strides.
  int32_t filter_w, filter_h;   ///< Pool window.
  int32_t dilation_w, dilation_h; ///< Conv dilation factors.
  int32_t depth_multiplier;     ///< DepthwiseConv2DOptions.depth_multiplier.
  int32_t axis;                 ///< ConcatenationOptions.axis.
  float beta;                   ///< SoftmaxOptions.beta.
  float alpha;                  ///< LeakyReluOptions.alpha.
  const int32_t *new_shape;     ///< ReshapeOptions.new_shape (NULL = field absent).
  size_t new_shape_count;       ///< Length of new_shape.
} mote_fb_options;

/// Builds the options table `o->kind` names and returns its offset (0 for kind 0); returns 0 and
/// sets `*ok` to 0 for a kind this builder does not write.
uint32_t mote_fb_options_table(mote_fb_builder *b, const mote_fb_options *o, int *ok);
/// OperatorCode with both deprecated_builtin_code (min(code, 127)) and builtin_code set.
uint32_t mote_fb_operator_code(mote_fb_builder *b, int32_t builtin_code, int32_t version);
/// Operator: opcode index, input/output tensor index vectors (offsets), options tag and table offset.
uint32_t mote_fb_operator(mote_fb_builder *b, uint32_t opcode_index, uint32_t inputs, uint32_t outputs,
                          uint8_t options_kind, uint32_t options);
/// SubGraph from vectors of tensors, input indices, output indices, operators, and a name string.
uint32_t mote_fb_subgraph(mote_fb_builder *b, uint32_t tensors, uint32_t inputs, uint32_t outputs,
                          uint32_t operators, uint32_t name);
/// TensorMap: a signature name for a tensor index.
uint32_t mote_fb_tensor_map(mote_fb_builder *b, uint32_t name, uint32_t tensor_index);
/// SignatureDef: vectors of input and output TensorMaps, the key string, the subgraph index.
uint32_t mote_fb_signature_def(mote_fb_builder *b, uint32_t inputs, uint32_t outputs, uint32_t key,
                               uint32_t subgraph_index);
/// Metadata: a name string and the index of the buffer holding its bytes.
uint32_t mote_fb_metadata(mote_fb_builder *b, uint32_t name, uint32_t buffer);
/// Model: schema version, vectors of operator codes, subgraphs, buffers, metadata and signature
/// defs, and a description string.
uint32_t mote_fb_model(mote_fb_builder *b, uint32_t version, uint32_t operator_codes, uint32_t subgraphs,
                       uint32_t description, uint32_t buffers, uint32_t metadata, uint32_t signature_defs);
#ifdef __cplusplus
}
#endif
#endif
