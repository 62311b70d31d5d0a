import MicroRuntime
import Quantize

extension TFLiteGraph {
  /// Whether input `k` of `op` is a weight or bias slot that weight-only quantization may rewrite.
  static func isWeightSlot(_ op: Operator, _ k: Int) -> Bool {
    switch op.code {
    case .fullyConnected, .conv2D, .depthwiseConv2D: return k == 1 || k == 2
    case .add, .mul: return true
    default: return false
    }
  }

  /// The float16 model as TensorFlow writes it: every float32 weight / bias constant stored as
  /// float16 and expanded to float32 by a DEQUANTIZE operator at the start of the graph.
  public func float16Weights() -> TFLiteGraph {
    var g = self
    var expanded: [Int32: Int32] = [:]
    var dequantizes: [Operator] = []
    for i in g.operators.indices {
      for k in g.operators[i].inputs.indices {
        let s = g.operators[i].inputs[k]
        guard s >= 0, Self.isWeightSlot(g.operators[i], k), g.tensors[Int(s)].isConstant, g.tensors[Int(s)].type == .float32 else { continue }
        if expanded[s] == nil {
          let t = g.tensors[Int(s)]
          let half = t.floats.map { Float16($0).bitPattern }
          let h = g.add(Tensor(name: t.name, shape: t.shape, type: .float16, data: bytes(of: half)))
          let f = g.add(Tensor(name: t.name + "/dequantize", shape: t.shape, type: .float32))
          dequantizes.append(Operator(code: .dequantize, inputs: [h], outputs: [f], origin: "dequantize"))
          expanded[s] = f
        }
        g.operators[i].inputs[k] = expanded[s]!
      }
    }
    g.operators = dequantizes + g.operators
    g.removeUnusedTensors()
    return g
  }

  /// The dynamic-range model: FULLY_CONNECTED weights as per-tensor symmetric int8 with asymmetric
  /// input quantization at run time, CONV_2D weights as per-channel symmetric int8; activations,
  /// biases and every other operator stay float32 (LiteRT runs these as hybrid kernels).
  public func dynamicRangeWeights() -> TFLiteGraph {
    var g = self
    for i in g.operators.indices {
      let op = g.operators[i]
      guard op.code == .fullyConnected || op.code == .conv2D, op.inputs.count > 1 else { continue }
      let w = g.tensors[Int(op.inputs[1])]
      guard w.isConstant, w.type == .float32 else { continue }
      let q = op.code == .fullyConnected ? WeightQuantizer.perTensor(w.floats)
                                         : WeightQuantizer.perChannel(w.floats, shape: w.shape.map(Int.init), axis: 0)
      let wi = g.add(Tensor(name: w.name, shape: w.shape, type: .int8, data: bytes(of: q.values),
                            quantization: .init(scales: q.scales, zeroPoints: q.scales.map { _ in 0 }, axis: 0)))
      g.operators[i].inputs[1] = wi
      if case let .fullyConnected(act, keep, _) = op.options {
        g.operators[i].options = .fullyConnected(activation: act, keepNumDims: keep, asymmetricQuantizeInputs: true)
      }
    }
    g.removeUnusedTensors()
    return g
  }
}
