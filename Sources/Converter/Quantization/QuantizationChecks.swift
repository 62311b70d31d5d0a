import MicroRuntime

// What the quantizers assume of a float graph, checked once before they run: a model that breaks
// an assumption is refused with one line naming the operator and tensor, never quantized into a
// trap or a model whose outputs differ from the float one.

extension TFLiteGraph {
  /// Refuses the graph unless `mode` can quantize it: convolution and fully-connected weights
  /// present, constant, float32, of the operator's rank and finite; biases likewise; for int8, every
  /// quantized operator's first input an activation (not a constant) and no graph output a constant.
  /// `quantized(op)` says which operators the int8 quantizer turns into int8 kernels.
  func checkQuantizable(_ mode: QuantizationMode, quantized: (Operator) -> Bool) throws {
    guard mode == .dynamic || mode == .int8 else { return }
    func describe(_ k: Int, _ op: Operator) -> String { "operator \(k) (\(op.code.name.map { "\($0)" } ?? "code \(op.code.rawValue)"))" }
    func finite(_ t: Tensor, _ what: String, _ k: Int, _ op: Operator) throws {
      if let bad = t.floats.firstIndex(where: { !$0.isFinite }) {
        throw ConverterError("\(describe(k, op)): \(what) '\(t.name)' element \(bad) is \(t.floats[bad]); only finite values can be quantized")
      }
    }
    for (k, op) in operators.enumerated() {
      let int8 = mode == .int8 && quantized(op)
      let weighted: Bool
      switch op.code {
      case .fullyConnected, .conv2D: weighted = true
      case .depthwiseConv2D: weighted = mode == .int8
      default: weighted = false
      }
      if weighted && (int8 || mode == .dynamic) {
        guard op.inputs.count >= 2, op.inputs[1] >= 0 else { throw ConverterError("\(describe(k, op)) has no weights tensor") }
        let w = tensors[Int(op.inputs[1])]
        guard w.isConstant, w.type == .float32 else {
          // Dynamic range leaves such an operator in float; the int8 kernels need constant weights.
          if mode == .dynamic { continue }
          throw ConverterError("\(describe(k, op)): weights '\(w.name)' are not constant float32 data; only constant weights can be quantized")
        }
        let rank = op.code == .fullyConnected ? 2 : 4
        guard w.shape.count == rank, w.shape.allSatisfy({ $0 > 0 }) else {
          throw ConverterError("\(describe(k, op)): weights '\(w.name)' have shape \(w.shape); \(rank) positive dimensions expected")
        }
        try finite(w, "weights", k, op)
        if int8, op.inputs.count > 2, op.inputs[2] >= 0 {
          let b = tensors[Int(op.inputs[2])]
          let channels = Int(op.code == .depthwiseConv2D ? w.shape[3] : w.shape[0])
          guard b.isConstant, b.type == .float32, b.elementCount == channels else {
            throw ConverterError("\(describe(k, op)): bias '\(b.name)' is not \(channels) constant float32 values")
          }
          try finite(b, "bias", k, op)
        }
      }
      guard int8 else { continue }
      guard let first = op.inputs.first, first >= 0 else { throw ConverterError("\(describe(k, op)) has no input 0") }
      if tensors[Int(first)].isConstant {
        throw ConverterError("\(describe(k, op)) computes on a constant ('\(tensors[Int(first)].name)'); fold it into a constant before quantizing")
      }
      for i in op.inputs.dropFirst() where i >= 0 && tensors[Int(i)].isConstant && tensors[Int(i)].type == .float32 {
        try finite(tensors[Int(i)], "constant", k, op)
      }
    }
    if mode == .int8 {
      for o in outputs where tensors[Int(o)].isConstant {
        throw ConverterError("graph output '\(tensors[Int(o)].name)' is a constant; no operator computes it")
      }
    }
  }
}
