/// FULLY_CONNECTED: output[b, u] = act(sum_i input[b, i] * weights[u, i] + bias[u]).
/// The input is flattened to [batches, inputSize] with inputSize = weights.dims[1].
public enum FullyConnected: Kernel {
  // Options: fused_activation_function, keep_num_dims, weights_format (DEFAULT only).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var batches: Int
    var inputSize: Int
    var units: Int
    var clamp: FloatClamp
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...3, outputs: 1...1)
    let options = node.op.builtinOptionsAsFullyConnectedOptions
    let input = try ctx.input(node, 0)
    let weights = try ctx.input(node, 1)
    let bias = ctx.optionalInput(node, 2)
    let output = try ctx.output(node, 0)
    try check(options?.weightsFormat.rawValue ?? 0 == 0, .invalidOption, node)
    try checkType(input, .float32, node)
    try checkType(weights, .float32, node)
    try checkType(output, .float32, node)
    try checkRank(weights, 2...2, node)
    let units = weights.dims[0]
    let inputSize = weights.dims[1]
    try check(inputSize > 0 && input.elementCount % inputSize == 0, .shapeMismatch, node, input,
              expected: inputSize, found: input.dims.rank > 0 ? input.dims[input.dims.rank - 1] : 0)
    let batches = input.elementCount / inputSize
    if let bias {
      try checkType(bias, .float32, node)
      try check(bias.elementCount == units, .shapeMismatch, node, bias, expected: units, found: bias.elementCount)
    }
    try check(output.elementCount == batches * units, .shapeMismatch, node, output,
              expected: batches * units, found: output.elementCount)
    let clamp = try FloatClamp.fused(options?.fusedActivationFunction ?? .none, op: node.index)
    return OpData(batches: batches, inputSize: inputSize, units: units, clamp: clamp)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let bias = ctx.optionalInput(node, 2)
    Reference.fullyConnected(
      input: ctx.input(node, 0).floats, weights: ctx.input(node, 1).floats, bias: bias?.floats,
      output: ctx.output(node, 0).floats, batches: data.batches, inputSize: data.inputSize,
      units: data.units, clamp: data.clamp)
  }

  /// The registration for FULLY_CONNECTED, float32.
  public static var registration: Registration {
    registration(.fullyConnected, versions: 1...12, prepare: { FullyConnected.prepareEntry($0, $1, $2) }, eval: { FullyConnected.evalEntry($0, $1, $2) })
  }
}
