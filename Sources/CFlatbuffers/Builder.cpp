// The C face of flatbuffers::FlatBufferBuilder for writing .tflite models: every function builds
// one complete string, vector or table from already-built children and returns its offset, so
// Swift never sees C++ and never nests table construction.
#include "mote_flatbuffers.h"
#include "generated/tflite_generated.h"
#include <algorithm>

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;
using flatbuffers::Vector;

struct mote_fb_builder {
  FlatBufferBuilder fbb;
  explicit mote_fb_builder(size_t n) : fbb(n) {}
};

template <typename T> static Offset<T> off(uint32_t o) { return Offset<T>(o); }

extern "C" {

mote_fb_builder *mote_fb_builder_create(size_t initial_size) {
  return new mote_fb_builder(initial_size < 1024 ? 1024 : initial_size);
}

void mote_fb_builder_free(mote_fb_builder *b) { delete b; }

void mote_fb_finish_model(mote_fb_builder *b, uint32_t root) {
  b->fbb.Finish(off<tflite::Model>(root), tflite::ModelIdentifier());
}

const uint8_t *mote_fb_builder_data(mote_fb_builder *b, size_t *size) {
  *size = b->fbb.GetSize();
  return b->fbb.GetBufferPointer();
}

uint32_t mote_fb_string(mote_fb_builder *b, const char *chars, size_t length) {
  return b->fbb.CreateString(chars, length).o;
}

uint32_t mote_fb_vector_i32(mote_fb_builder *b, const int32_t *values, size_t count) {
  return b->fbb.CreateVector(values, count).o;
}

uint32_t mote_fb_vector_i64(mote_fb_builder *b, const int64_t *values, size_t count) {
  return b->fbb.CreateVector(values, count).o;
}

uint32_t mote_fb_vector_f32(mote_fb_builder *b, const float *values, size_t count) {
  return b->fbb.CreateVector(values, count).o;
}

uint32_t mote_fb_vector_tables(mote_fb_builder *b, const uint32_t *offsets, size_t count) {
  b->fbb.StartVector(count, sizeof(flatbuffers::uoffset_t));
  for (size_t i = count; i > 0; i--) b->fbb.PushElement(off<void>(offsets[i - 1]));
  return b->fbb.EndVector(count);
}

uint32_t mote_fb_quantization(mote_fb_builder *b, const float *scale, const int64_t *zero_point, size_t count,
                              int32_t quantized_dimension, const float *min, const float *max, size_t minmax_count) {
  auto &f = b->fbb;
  Offset<Vector<float>> mn = 0, mx = 0;
  if (min && max) {
    mn = f.CreateVector(min, minmax_count);
    mx = f.CreateVector(max, minmax_count);
  }
  auto s = f.CreateVector(scale, count);
  auto z = f.CreateVector(zero_point, count);
  return tflite::CreateQuantizationParameters(f, mn, mx, s, z, tflite::QuantizationDetails::NONE, 0,
                                              quantized_dimension).o;
}

uint32_t mote_fb_tensor(mote_fb_builder *b, const int32_t *shape, size_t rank, int8_t type, uint32_t buffer,
                        uint32_t name, uint32_t quantization) {
  auto s = b->fbb.CreateVector(shape, rank);
  return tflite::CreateTensor(b->fbb, s, static_cast<tflite::TensorType>(type), buffer, off<flatbuffers::String>(name),
                              off<tflite::QuantizationParameters>(quantization)).o;
}

uint32_t mote_fb_buffer(mote_fb_builder *b, const uint8_t *data, size_t count) {
  if (data == nullptr || count == 0) return tflite::CreateBuffer(b->fbb).o;
  b->fbb.ForceVectorAlignment(count, sizeof(uint8_t), 16);
  auto v = b->fbb.CreateVector(data, count);
  return tflite::CreateBuffer(b->fbb, v).o;
}

uint32_t mote_fb_options_table(mote_fb_builder *b, const mote_fb_options *o, int *ok) {
  using namespace tflite;
  auto &f = b->fbb;
  *ok = 1;
  auto pad = static_cast<Padding>(o->padding);
  auto act = static_cast<ActivationFunctionType>(o->activation);
  switch (static_cast<BuiltinOptions>(o->kind)) {
  case BuiltinOptions::NONE: return 0;
  case BuiltinOptions::Conv2DOptions:
    return CreateConv2DOptions(f, pad, o->stride_w, o->stride_h, act, o->dilation_w, o->dilation_h).o;
  case BuiltinOptions::DepthwiseConv2DOptions:
    return CreateDepthwiseConv2DOptions(f, pad, o->stride_w, o->stride_h, o->depth_multiplier, act, o->dilation_w,
                                        o->dilation_h).o;
  case BuiltinOptions::Pool2DOptions:
    return CreatePool2DOptions(f, pad, o->stride_w, o->stride_h, o->filter_w, o->filter_h, act).o;
  case BuiltinOptions::FullyConnectedOptions:
    return CreateFullyConnectedOptions(f, act, FullyConnectedOptionsWeightsFormat::DEFAULT, o->keep_dims != 0,
                                       o->asymmetric_quantize_inputs != 0).o;
  case BuiltinOptions::SoftmaxOptions: return CreateSoftmaxOptions(f, o->beta).o;
  case BuiltinOptions::ConcatenationOptions: return CreateConcatenationOptions(f, o->axis, act).o;
  case BuiltinOptions::AddOptions: return CreateAddOptions(f, act).o;
  case BuiltinOptions::MulOptions: return CreateMulOptions(f, act).o;
  case BuiltinOptions::ReshapeOptions: {
    Offset<Vector<int32_t>> shape = 0;
    if (o->new_shape) shape = f.CreateVector(o->new_shape, o->new_shape_count);
    return CreateReshapeOptions(f, shape).o;
  }
  case BuiltinOptions::PadOptions: return CreatePadOptions(f).o;
  case BuiltinOptions::ReducerOptions: return CreateReducerOptions(f, o->keep_dims != 0).o;
  case BuiltinOptions::DequantizeOptions: return CreateDequantizeOptions(f).o;
  case BuiltinOptions::QuantizeOptions: return CreateQuantizeOptions(f).o;
  case BuiltinOptions::LeakyReluOptions: return CreateLeakyReluOptions(f, o->alpha).o;
  case BuiltinOptions::HardSwishOptions: return CreateHardSwishOptions(f).o;
  default: *ok = 0; return 0;
  }
}

uint32_t mote_fb_operator_code(mote_fb_builder *b, int32_t builtin_code, int32_t version) {
  int8_t deprecated = static_cast<int8_t>(std::min<int32_t>(builtin_code, 127));
  return tflite::CreateOperatorCode(b->fbb, deprecated, 0, version,
                                    static_cast<tflite::BuiltinOperator>(builtin_code)).o;
}

uint32_t mote_fb_operator(mote_fb_builder *b, uint32_t opcode_index, uint32_t inputs, uint32_t outputs,
                          uint8_t options_kind, uint32_t options) {
  return tflite::CreateOperator(b->fbb, opcode_index, off<Vector<int32_t>>(inputs), off<Vector<int32_t>>(outputs),
                                options ? static_cast<tflite::BuiltinOptions>(options_kind)
                                        : tflite::BuiltinOptions::NONE,
                                off<void>(options)).o;
}

uint32_t mote_fb_subgraph(mote_fb_builder *b, uint32_t tensors, uint32_t inputs, uint32_t outputs,
                          uint32_t operators, uint32_t name) {
  return tflite::CreateSubGraph(b->fbb, off<Vector<Offset<tflite::Tensor>>>(tensors), off<Vector<int32_t>>(inputs),
                                off<Vector<int32_t>>(outputs), off<Vector<Offset<tflite::Operator>>>(operators),
                                off<flatbuffers::String>(name)).o;
}

uint32_t mote_fb_tensor_map(mote_fb_builder *b, uint32_t name, uint32_t tensor_index) {
  return tflite::CreateTensorMap(b->fbb, off<flatbuffers::String>(name), tensor_index).o;
}

uint32_t mote_fb_signature_def(mote_fb_builder *b, uint32_t inputs, uint32_t outputs, uint32_t key,
                               uint32_t subgraph_index) {
  return tflite::CreateSignatureDef(b->fbb, off<Vector<Offset<tflite::TensorMap>>>(inputs),
                                    off<Vector<Offset<tflite::TensorMap>>>(outputs), off<flatbuffers::String>(key),
                                    subgraph_index).o;
}

uint32_t mote_fb_metadata(mote_fb_builder *b, uint32_t name, uint32_t buffer) {
  return tflite::CreateMetadata(b->fbb, off<flatbuffers::String>(name), buffer).o;
}

uint32_t mote_fb_model(mote_fb_builder *b, uint32_t version, uint32_t operator_codes, uint32_t subgraphs,
                       uint32_t description, uint32_t buffers, uint32_t metadata, uint32_t signature_defs) {
  return tflite::CreateModel(b->fbb, version, off<Vector<Offset<tflite::OperatorCode>>>(operator_codes),
                             off<Vector<Offset<tflite::SubGraph>>>(subgraphs), off<flatbuffers::String>(description),
                             off<Vector<Offset<tflite::Buffer>>>(buffers), 0,
                             off<Vector<Offset<tflite::Metadata>>>(metadata),
                             off<Vector<Offset<tflite::SignatureDef>>>(signature_defs)).o;
}

}  // extern "C"
