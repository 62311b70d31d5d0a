/// FULLY_CONNECTED: output[b, u] = act(sum_i input[b, i] * weights[u, i] + bias[u]).
/// The input is flattened to [batches, inputSize] with inputSize = weights.dims[1]. Float32, and int8
/// with per-tensor or per-channel symmetric weights and int32 bias, and hybrid (float input and output,
/// int8 weights quantized per-tensor or per-channel; the input is quantized per batch in eval).
public enum FullyConnected: Kernel {
  // Options: fused_activation_function, keep_num_dims, weights_format (DEFAULT only).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var batches: Int
    var inputSize: Int
    var units: Int
    var clamp: FloatClamp
    /// Present for int8.
    var requantization: ChannelRequantization?
    /// Present for hybrid.
    var hybrid: HybridWeights?
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...3, outputs: 1...1)
    let options = node.op.builtinOptionsAsFullyConnectedOptions
    let input = try ctx.input(node, 0)
    let weights = try ctx.input(node, 1)
    let bias = ctx.optionalInput(node, 2)
    let output = try ctx.output(node, 0)
    try check(options?.weightsFormat.rawValue ?? 0 == 0, .invalidOption, node)
    try checkRank(weights, 2...2, node)
    try check(input.dims.rank >= 1, .rankMismatch, node, input, expected: 1, found: 0)
    let units = weights.dims[0]
    let inputSize = weights.dims[1]
    try check(inputSize > 0 && input.elementCount % inputSize == 0, .shapeMismatch, node, input,
              expected: inputSize, found: input.dims[input.dims.rank - 1])
    let batches = input.elementCount / inputSize
    if let bias {
      try check(bias.elementCount == units, .shapeMismatch, node, bias, expected: units, found: bias.elementCount)
    }
    // keep_num_dims keeps the input's leading dimensions: [..., units]; otherwise [batches, units].
    var expected = Dims(rank: 2)
    if options?.keepNumDims ?? false {
      try check(input.dims[input.dims.rank - 1] == inputSize, .shapeMismatch, node, input,
                expected: inputSize, found: input.dims[input.dims.rank - 1])
      expected = input.dims
      expected[expected.rank - 1] = units
    } else {
      expected[0] = batches
      expected[1] = units
    }
    try checkShape(output, expected, node)
    let activation = options?.fusedActivationFunction ?? .none
    switch input.type {
    case .float32 where weights.type == .int8:
      try ChannelRequantization.checkAccumulation(inputSize, node, weights)
      let h = try HybridWeights.make(
        node, &ctx, input: input, weights: weights, bias: bias, output: output, channels: units,
        batchElements: inputSize, asymmetric: options?.asymmetricQuantizeInputs ?? false)
      return OpData(batches: batches, inputSize: inputSize, units: units,
                    clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: h)
    case .float32:
      try checkType(weights, .float32, node)
      try checkType(output, .float32, node)
      if let bias { try checkType(bias, .float32, node) }
      return OpData(batches: batches, inputSize: inputSize, units: units,
                    clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: nil)
    case .int8:
      try ChannelRequantization.checkAccumulation(inputSize, node, weights)
      // LiteRT forms a per-tensor multiplier's scale product in float, per-channel ones in double.
      let q = try ChannelRequantization.make(
        node, &ctx, input: input, weights: weights, bias: bias, output: output, channels: units, channelAxis: 0,
        activation: activation, floatProduct: weights.scaleCount == 1)
      return OpData(batches: batches, inputSize: inputSize, units: units, clamp: .none, requantization: q, hybrid: nil)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: input.index, found: Int64(input.type.rawValue))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let bias = ctx.optionalInput(node, 2)
    if let q = data.requantization {
      Reference.fullyConnected(
        input: ctx.input(node, 0).pointer(Int8.self), weights: ctx.input(node, 1).pointer(Int8.self),
        bias: bias?.pointer(Int32.self), output: ctx.output(node, 0).pointer(Int8.self), batches: data.batches,
        inputSize: data.inputSize, units: data.units, requantization: q)
      return
    }
    if let h = data.hybrid {
      Reference.fullyConnectedHybrid(
        input: ctx.input(node, 0).floats, weights: ctx.input(node, 1).pointer(Int8.self), scales: h.scales,
        bias: bias?.floats, output: ctx.output(node, 0).floats, batches: data.batches, inputSize: data.inputSize,
        units: data.units, asymmetric: h.asymmetric,
        quantized: ctx.scratch(ScratchHandle(slot: h.scratchSlot)).assumingMemoryBound(to: Int8.self), clamp: data.clamp)
      return
    }
    Reference.fullyConnected(
      input: ctx.input(node, 0).floats, weights: ctx.input(node, 1).floats, bias: bias?.floats,
      output: ctx.output(node, 0).floats, batches: data.batches, inputSize: data.inputSize,
      units: data.units, clamp: data.clamp)
  }

  /// The registration for FULLY_CONNECTED (float32, int8, hybrid).
  public static var registration: Registration {
    registration(.fullyConnected, versions: 1...12, prepare: { FullyConnected.prepareEntry($0, $1, $2) }, eval: { FullyConnected.evalEntry($0, $1, $2) })
  }
}
