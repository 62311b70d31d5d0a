import MicroRuntime

// Which version of an operator TensorFlow's converter writes for given tensor types and options,
// and the oldest TFLite runtime that runs it (the `min_runtime_version` metadata). Facts taken from
// TensorFlow's op_version.cc / runtime_version.cc and checked against the committed fixtures.

extension TFLiteGraph {
  /// The version TensorFlow's converter assigns to operator `i`.
  public func version(ofOperator i: Int) -> Int32 {
    let op = operators[i]
    func type(_ k: Int) -> TFLite.TensorType? {
      k < op.inputs.count && op.inputs[k] >= 0 ? tensors[Int(op.inputs[k])].type : nil
    }
    let input = type(0) ?? .float32
    let output = op.outputs.first.map { tensors[Int($0)].type } ?? .float32
    let int8 = input == .int8
    let hybrid = input == .float32 && type(1) == .int8 && output == .float32
    switch op.code {
    case .fullyConnected:
      if hybrid {
        if case .fullyConnected(_, _, true) = op.options { return 9 }
        return 3
      }
      if case .fullyConnected(_, true, _) = op.options { return 5 }
      return int8 ? 4 : 1
    case .conv2D:
      if hybrid {
        let w = tensors[Int(op.inputs[1])]
        return (w.quantization?.scale.count ?? 1) > 1 ? 5 : 2
      }
      return int8 ? 3 : 1
    case .depthwiseConv2D:
      if int8 { return 3 }
      if case .depthwiseConv2D(_, _, _, _, _, let dw, let dh) = op.options, dw != 1 || dh != 1 { return 2 }
      return 1
    case .dequantize:
      switch input {
      case .float16: return 3
      case .int8: return 2
      default: return 1
      }
    case .quantize:
      return 1
    case .reshape, .hardSwish, .leakyRelu:
      return 1
    case .add, .mul, .maxPool2D, .averagePool2D, .mean, .softmax, .logistic, .tanh, .relu, .relu6, .concatenation, .pad:
      return int8 ? 2 : 1
    default:
      return 1
    }
  }

  /// The oldest TensorFlow Lite runtime version that supports every operator at its version.
  public func minRuntimeVersion(versions: [Int32]) -> String {
    var best = [1, 5, 0]
    for (i, op) in operators.enumerated() {
      let v = Self.runtimeVersion(op.code, versions[i])
      if v.lexicographicallyPrecedes(best) == false && v != best { best = v }
    }
    return best.map(String.init).joined(separator: ".")
  }

  /// The runtime version table for the operators the converter writes.
  static func runtimeVersion(_ code: TFLite.BuiltinOperator, _ version: Int32) -> [Int] {
    switch (code, version) {
    case (.relu, 2): return [2, 1, 0]
    case (.relu, _), (.relu6, 1), (.reshape, _), (.add, 1), (.mul, 1), (.conv2D, 1), (.depthwiseConv2D, 1),
         (.fullyConnected, 1), (.maxPool2D, 1), (.averagePool2D, 1), (.concatenation, 1), (.pad, 1), (.softmax, 1):
      return [1, 5, 0]
    case (.mean, 1): return [1, 6, 0]
    case (.depthwiseConv2D, 2): return [1, 12, 0]
    case (.leakyRelu, 1), (.dequantize, 1): return [1, 13, 1]
    case (.hardSwish, _), (.dequantize, 3): return [1, 15, 0]
    case (.fullyConnected, 5): return [2, 0, 0]
    case (.fullyConnected, 9): return [2, 3, 0]
    case (.conv2D, 5): return [2, 4, 0]
    default: return [1, 14, 0]
    }
  }
}
