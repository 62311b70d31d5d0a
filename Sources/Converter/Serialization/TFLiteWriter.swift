import CFlatbuffers
import MicroRuntime

/// Errors from writing or checking a model.
public struct ConverterError: Error, CustomStringConvertible, Equatable {
  /// One line saying what went wrong.
  public let description: String
  /// Wraps a message.
  public init(_ message: String) { description = message }
}

/// Serializes a `TFLiteGraph` to `.tflite` bytes through the CFlatbuffers builder: operator codes
/// (deduplicated, versions chosen as TensorFlow does), buffers (buffer 0 empty, one per constant,
/// 16-byte aligned), the subgraph, a `serving_default` signature and `min_runtime_version` metadata.
public enum TFLiteWriter {
  /// The bytes of `graph` as a `.tflite` file.
  public static func serialize(_ graph: TFLiteGraph) throws -> [UInt8] {
    guard let b = mote_fb_builder_create(64 * 1024) else { throw ConverterError("cannot create a FlatBuffer builder") }
    defer { mote_fb_builder_free(b) }
    func string(_ s: String) -> UInt32 {
      var s = s
      return s.withUTF8 { u in u.withMemoryRebound(to: CChar.self) { mote_fb_string(b, $0.baseAddress, $0.count) } }
    }
    func ints(_ v: [Int32]) -> UInt32 { v.withUnsafeBufferPointer { mote_fb_vector_i32(b, $0.baseAddress, $0.count) } }
    func tables(_ v: [UInt32]) -> UInt32 { v.withUnsafeBufferPointer { mote_fb_vector_tables(b, $0.baseAddress, $0.count) } }

    // Operator codes, in first-use order.
    let versions = graph.operators.indices.map { graph.version(ofOperator: $0) }
    var codeKeys: [(Int32, Int32)] = []
    var opcodeIndex: [Int] = []
    for (i, op) in graph.operators.enumerated() {
      let key = (op.code.rawValue, versions[i])
      if let k = codeKeys.firstIndex(where: { $0 == key }) {
        opcodeIndex.append(k)
      } else {
        opcodeIndex.append(codeKeys.count)
        codeKeys.append(key)
      }
    }

    // Buffers: 0 is the empty sentinel, then one per constant tensor, then the metadata string.
    var bufferOffsets: [UInt32] = [mote_fb_buffer(b, nil, 0)]
    var tensorBuffer = [UInt32](repeating: 0, count: graph.tensors.count)
    for (i, t) in graph.tensors.enumerated() {
      guard let data = t.data else { continue }
      tensorBuffer[i] = UInt32(bufferOffsets.count)
      bufferOffsets.append(data.withUnsafeBufferPointer { mote_fb_buffer(b, $0.baseAddress, $0.count) })
    }
    var runtime = Array(graph.minRuntimeVersion(versions: versions).utf8)
    runtime += [UInt8](repeating: 0, count: 16 - runtime.count)
    let runtimeBuffer = UInt32(bufferOffsets.count)
    bufferOffsets.append(runtime.withUnsafeBufferPointer { mote_fb_buffer(b, $0.baseAddress, $0.count) })

    // Tensors.
    var tensorOffsets: [UInt32] = []
    for (i, t) in graph.tensors.enumerated() {
      var q: UInt32 = 0
      if let p = t.quantization {
        q = p.scale.withUnsafeBufferPointer { s in
          p.zeroPoint.withUnsafeBufferPointer { z in
            mote_fb_quantization(b, s.baseAddress, z.baseAddress, s.count, p.axis, nil, nil, 0)
          }
        }
      }
      let name = string(t.name)
      tensorOffsets.append(t.shape.withUnsafeBufferPointer {
        mote_fb_tensor(b, $0.baseAddress, $0.count, t.type.rawValue, tensorBuffer[i], name, q)
      })
    }

    // Operators.
    var operatorOffsets: [UInt32] = []
    for (i, op) in graph.operators.enumerated() {
      let ins = ints(op.inputs)
      let outs = ints(op.outputs)
      var o = mote_fb_options()
      var newShape: [Int32]? = nil
      fill(&o, op.options, newShape: &newShape)
      var ok: Int32 = 1
      let table: UInt32 = if let newShape {
        newShape.withUnsafeBufferPointer { p in
          o.new_shape = p.baseAddress
          o.new_shape_count = p.count
          return mote_fb_options_table(b, &o, &ok)
        }
      } else {
        mote_fb_options_table(b, &o, &ok)
      }
      guard ok == 1 else { throw ConverterError("operator \(i): options this writer cannot encode") }
      operatorOffsets.append(mote_fb_operator(b, UInt32(opcodeIndex[i]), ins, outs, o.kind, table))
    }
    let codes = codeKeys.map { mote_fb_operator_code(b, $0.0, $0.1) }

    let subgraph = mote_fb_subgraph(b, tables(tensorOffsets), ints(graph.inputs), ints(graph.outputs),
                                    tables(operatorOffsets), string("main"))
    func maps(_ names: [String], _ indices: [Int32]) -> UInt32 {
      tables(zip(names, indices).map { mote_fb_tensor_map(b, string($0.0), UInt32($0.1)) })
    }
    let signature = mote_fb_signature_def(b, maps(graph.inputNames, graph.inputs), maps(graph.outputNames, graph.outputs),
                                          string("serving_default"), 0)
    let metadata = mote_fb_metadata(b, string("min_runtime_version"), runtimeBuffer)
    let model = mote_fb_model(b, 3, tables(codes), tables([subgraph]), string(graph.description),
                              tables(bufferOffsets), tables([metadata]), tables([signature]))
    mote_fb_finish_model(b, model)
    var size = 0
    guard let data = mote_fb_builder_data(b, &size) else { throw ConverterError("FlatBuffer builder produced no bytes") }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Fills the C options struct for `options`.
  static func fill(_ o: inout mote_fb_options, _ options: TFLiteGraph.Options, newShape: inout [Int32]?) {
    o.dilation_w = 1
    o.dilation_h = 1
    switch options {
    case .none: o.kind = 0
    case let .conv2D(padding, sw, sh, act, dw, dh):
      (o.kind, o.padding, o.stride_w, o.stride_h, o.activation, o.dilation_w, o.dilation_h) = (1, padding.rawValue, sw, sh, act.rawValue, dw, dh)
    case let .depthwiseConv2D(padding, sw, sh, mult, act, dw, dh):
      (o.kind, o.padding, o.stride_w, o.stride_h, o.depth_multiplier, o.activation) = (2, padding.rawValue, sw, sh, mult, act.rawValue)
      (o.dilation_w, o.dilation_h) = (dw, dh)
    case let .pool2D(padding, sw, sh, fw, fh, act):
      (o.kind, o.padding, o.stride_w, o.stride_h, o.filter_w, o.filter_h, o.activation) = (5, padding.rawValue, sw, sh, fw, fh, act.rawValue)
    case let .fullyConnected(act, keep, asym):
      (o.kind, o.activation, o.keep_dims, o.asymmetric_quantize_inputs) = (8, act.rawValue, keep ? 1 : 0, asym ? 1 : 0)
    case let .softmax(beta): (o.kind, o.beta) = (9, beta)
    case let .concatenation(axis, act): (o.kind, o.axis, o.activation) = (10, axis, act.rawValue)
    case let .add(act): (o.kind, o.activation) = (11, act.rawValue)
    case let .mul(act): (o.kind, o.activation) = (21, act.rawValue)
    case let .reshape(shape): o.kind = 17; newShape = shape
    case .pad: o.kind = 22
    case let .reducer(keep): (o.kind, o.keep_dims) = (27, keep ? 1 : 0)
    case .dequantize: o.kind = 38
    case .quantize: o.kind = 89
    case let .leakyRelu(alpha): (o.kind, o.alpha) = (75, alpha)
    case .hardSwish: o.kind = 91
    }
  }
}

/// One line for a MicroRuntime error (the operator and tensor it names, and the message).
func describe(_ e: MicroError) -> String {
  var s = "\(e.kind.message)"
  if e.kind == .unsupportedOperator || e.kind == .unsupportedOperatorVersion {
    let name = TFLite.BuiltinOperator(rawValue: Int32(truncatingIfNeeded: e.expected)).name.map { "\($0)" } ?? "code \(e.expected)"
    s += ": \(name) version \(e.found)"
  } else if e.expected >= 0 || e.found >= 0 {
    s += " (expected \(e.expected), found \(e.found))"
  }
  if e.tensor >= 0 { s = "tensor \(e.tensor): " + s }
  if e.op >= 0 { s = "operator \(e.op): " + s }
  return s
}
