import MicroRuntime
import Quantize

/// The element type of the converted model's inputs and outputs.
public enum IOType: String, Sendable {
  /// Float inputs/outputs: QUANTIZE after the input, DEQUANTIZE before the output.
  case float32
  /// Int8 inputs/outputs with the calibrated parameters.
  case int8
}

/// Rewrites a float `TFLiteGraph` as a full-integer int8 model, as TensorFlow's converter does:
/// int8 activations from calibrated ranges, per-channel symmetric int8 weights, int32 biases,
/// fixed output parameters for SOFTMAX / LOGISTIC / TANH, shared parameters across pooling and
/// reshapes. Operators whose origin is listed in `keepFloat` stay float, wrapped in
/// DEQUANTIZE / QUANTIZE.
public struct Int8Quantizer {
  /// The float model.
  public let source: TFLiteGraph
  /// Observed real range of each source tensor.
  public let ranges: [(min: Float, max: Float)?]
  /// Model input/output type.
  public var io: IOType = .int8
  /// Origins (layer names) of operators to keep in float.
  public var keepFloat: Set<String> = []

  /// A quantizer for `source` with ranges from `Calibrator`.
  public init(source: TFLiteGraph, ranges: [(min: Float, max: Float)?]) {
    self.source = source
    self.ranges = ranges
  }

  /// Operators that have an int8 kernel in TFLite and that this quantizer handles.
  static let quantizable: Set<Int32> = [
    TFLite.BuiltinOperator.fullyConnected, .conv2D, .depthwiseConv2D, .maxPool2D, .averagePool2D, .add, .mul,
    .reshape, .mean, .softmax, .logistic, .tanh, .relu, .relu6, .hardSwish, .leakyRelu, .concatenation, .pad,
  ].reduce(into: Set<Int32>()) { $0.insert($1.rawValue) }

  /// Whether operator `op` runs in int8 when the layers in `keepFloat` stay float.
  static func runsInInt8(_ op: TFLiteGraph.Operator, keepFloat: Set<String>) -> Bool {
    quantizable.contains(op.code.rawValue) && !keepFloat.contains(op.origin)
  }

  /// Whether operator `op` runs in int8.
  func isQuantized(_ op: TFLiteGraph.Operator) -> Bool { Self.runsInInt8(op, keepFloat: keepFloat) }

  /// The activation parameters of every source tensor (nil for constants and non-float tensors).
  public func activationParams() throws -> [QuantParams?] {
    var params = [QuantParams?](repeating: nil, count: source.tensors.count)
    func fromRange(_ t: Int32) throws -> QuantParams {
      guard let r = ranges[Int(t)] else {
        throw ConverterError("tensor '\(source.tensors[Int(t)].name)' was never computed during calibration")
      }
      return .int8Asymmetric(min: r.min, max: r.max)
    }
    for t in source.inputs { params[Int(t)] = try fromRange(t) }
    for op in source.operators {
      for o in op.outputs where source.tensors[Int(o)].type == .float32 {
        switch op.code {
        case .softmax, .logistic: params[Int(o)] = .int8Probability
        case .tanh: params[Int(o)] = .int8Tanh
        case .maxPool2D, .averagePool2D, .reshape, .pad:
          params[Int(o)] = try params[Int(op.inputs[0])] ?? fromRange(op.inputs[0])
        default:
          params[Int(o)] = try fromRange(o)
        }
      }
    }
    return params
  }

  /// The int8 model.
  public func quantize() throws -> TFLiteGraph {
    let params = try activationParams()
    var out = TFLiteGraph()
    out.description = source.description
    out.inputNames = source.inputNames
    out.outputNames = source.outputNames
    var floatVersion = [Int32?](repeating: nil, count: source.tensors.count)
    var int8Version = [Int32?](repeating: nil, count: source.tensors.count)
    var constants = [Int32?](repeating: nil, count: source.tensors.count)

    func int8Tensor(_ s: Int32, name: String) -> Int32 {
      let t = source.tensors[Int(s)]
      let p = params[Int(s)]!
      return out.add(.init(name: name, shape: t.shape, type: .int8, quantization: .init(scale: p.scale, zeroPoint: p.zeroPoint)))
    }
    func floatTensor(_ s: Int32, name: String) -> Int32 {
      let t = source.tensors[Int(s)]
      return out.add(.init(name: name, shape: t.shape, type: .float32))
    }
    // The int8 (or float) form of an activation, converting with QUANTIZE / DEQUANTIZE on demand.
    func asInt8(_ s: Int32) -> Int32 {
      if let v = int8Version[Int(s)] { return v }
      let v = int8Tensor(s, name: source.tensors[Int(s)].name + "/quantized")
      out.operators.append(.init(code: .quantize, inputs: [floatVersion[Int(s)]!], outputs: [v], origin: "quantize"))
      int8Version[Int(s)] = v
      return v
    }
    func asFloat(_ s: Int32) -> Int32 {
      if let v = floatVersion[Int(s)] { return v }
      let v = floatTensor(s, name: source.tensors[Int(s)].name + "/dequantized")
      out.operators.append(.init(code: .dequantize, inputs: [int8Version[Int(s)]!], outputs: [v], origin: "dequantize"))
      floatVersion[Int(s)] = v
      return v
    }
    func copyConstant(_ s: Int32) -> Int32 {
      if let c = constants[Int(s)] { return c }
      let c = out.add(source.tensors[Int(s)])
      constants[Int(s)] = c
      return c
    }

    for s in source.inputs {
      if io == .int8 {
        int8Version[Int(s)] = int8Tensor(s, name: source.tensors[Int(s)].name)
      } else {
        floatVersion[Int(s)] = floatTensor(s, name: source.tensors[Int(s)].name)
      }
    }
    out.inputs = source.inputs.map { io == .int8 ? int8Version[Int($0)]! : floatVersion[Int($0)]! }

    for op in source.operators {
      var q = op
      if !isQuantized(op) {
        q.inputs = op.inputs.map { i in
          i < 0 ? i : source.tensors[Int(i)].isConstant ? copyConstant(i) : asFloat(i)
        }
        q.outputs = op.outputs.map { o in
          let v = floatTensor(o, name: source.tensors[Int(o)].name)
          floatVersion[Int(o)] = v
          return v
        }
        out.operators.append(q)
        continue
      }
      let x = op.inputs[0]
      let inputParams = params[Int(x)]!
      switch op.code {
      case .fullyConnected, .conv2D, .depthwiseConv2D:
        let w = source.tensors[Int(op.inputs[1])]
        let axis = op.code == .depthwiseConv2D ? w.shape.count - 1 : 0
        let qw = WeightQuantizer.perChannel(w.floats, shape: w.shape.map(Int.init), axis: axis)
        let wi = out.add(.init(name: w.name, shape: w.shape, type: .int8, data: bytes(of: qw.values),
                               quantization: .init(scales: qw.scales, zeroPoints: qw.scales.map { _ in 0 }, axis: Int32(axis))))
        var bi: Int32 = -1
        if op.inputs.count > 2, op.inputs[2] >= 0 {
          let b = source.tensors[Int(op.inputs[2])]
          let (values, scales) = WeightQuantizer.bias(b.floats, inputScale: inputParams.scale, weightScales: qw.scales)
          bi = out.add(.init(name: b.name, shape: b.shape, type: .int32, data: bytes(of: values),
                             quantization: .init(scales: scales, zeroPoints: scales.map { _ in 0 }, axis: 0)))
        }
        q.inputs = [asInt8(x), wi] + (op.inputs.count > 2 ? [bi] : [])
      default:
        q.inputs = op.inputs.map { i in
          guard i >= 0 else { return i }
          let t = source.tensors[Int(i)]
          if !t.isConstant { return asInt8(i) }
          guard t.type == .float32 else { return copyConstant(i) }
          // A float constant operand (ADD / MUL): per-tensor asymmetric int8 over its own range.
          let v = t.floats
          let p = QuantParams.int8Asymmetric(min: v.min() ?? 0, max: v.max() ?? 0)
          return out.add(.init(name: t.name, shape: t.shape, type: .int8, data: bytes(of: v.map { Int8(p.quantize($0)) }),
                               quantization: .init(scale: p.scale, zeroPoint: p.zeroPoint)))
        }
      }
      q.outputs = op.outputs.map { o in
        let v = int8Tensor(o, name: source.tensors[Int(o)].name)
        int8Version[Int(o)] = v
        return v
      }
      out.operators.append(q)
    }
    out.outputs = source.outputs.map { io == .int8 ? asInt8($0) : asFloat($0) }
    // The graph outputs keep the source names.
    for (k, s) in source.outputs.enumerated() {
      let name = source.tensors[Int(s)].name
      for i in out.tensors.indices where out.tensors[i].name == name { out.tensors[i].name = name + (out.tensors[i].type == .int8 ? "/int8" : "/float") }
      out.tensors[Int(out.outputs[k])].name = name
    }
    return out
  }
}
