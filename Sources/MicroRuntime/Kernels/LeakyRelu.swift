/// LEAKY_RELU: output = x > 0 ? x : alpha · x; float32 and int8.
public enum LeakyRelu: Kernel {
  // Options: alpha.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var alpha: Float
    var params: LeakyReluQuantParams
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    let alpha = node.op.builtinOptionsAsLeakyReluOptions?.alpha ?? 0
    try check(alpha.isFinite, .invalidOption, node)
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, output, node)
    var p = LeakyReluQuantParams()
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(output, node)
      p.inputZeroPoint = input.zeroPoint
      p.outputZeroPoint = output.zeroPoint
      // LiteRT forms both ratios in float before quantizing them.
      p.identity = try requantization(Double(input.scale / output.scale), node, output)
      p.alpha = try requantization(Double(input.scale * alpha / output.scale), node, output)
    }
    return OpData(isInt8: input.type == .int8, alpha: alpha, params: p)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      Reference.leakyReluInt8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self),
                              count: input.elementCount, params: data.params)
    } else {
      Reference.leakyRelu(input.floats, ctx.output(node, 0).floats, count: input.elementCount, alpha: data.alpha)
    }
  }

  /// The registration for LEAKY_RELU, float32 and int8.
  public static var registration: Registration {
    registration(.leakyRelu, versions: 1...2, prepare: { LeakyRelu.prepareEntry($0, $1, $2) }, eval: { LeakyRelu.evalEntry($0, $1, $2) })
  }
}

/// Int8 parameters of LEAKY_RELU: zero points and the two rescales (x ≥ 0 and x < 0).
public struct LeakyReluQuantParams: BitwiseCopyable {
  /// Neutral parameters (zero offsets and multipliers); prepare fills them in.
  public init() {}
  /// Input zero point.
  public var inputZeroPoint: Int32 = 0
  /// Output zero point.
  public var outputZeroPoint: Int32 = 0
  /// s_in / s_out.
  public var identity = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// s_in · alpha / s_out.
  public var alpha = QuantizedMultiplier(multiplier: 0, shift: 0)
}
