/// RELU: output = max(0, x); float32 and int8 (int8 rescales from the input to the output
/// quantization, then clamps at the quantized 0).
public enum Relu: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var params: ReluQuantParams
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    let params = try ReluQuantParams.make(input, output, low: 0, high: .infinity, node)
    return OpData(isInt8: input.type == .int8, params: params)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      Reference.reluInt8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self),
                         count: input.elementCount, params: data.params)
    } else {
      Reference.relu(input.floats, ctx.output(node, 0).floats, count: input.elementCount, low: 0, high: .infinity)
    }
  }

  /// The registration for RELU, float32 and int8.
  public static var registration: Registration {
    registration(.relu, versions: 1...3, prepare: { Relu.prepareEntry($0, $1, $2) }, eval: { Relu.evalEntry($0, $1, $2) })
  }
}

/// Int8 parameters of RELU and RELU6: input zero point, rescale, output zero point and range.
public struct ReluQuantParams: BitwiseCopyable {
  /// Neutral parameters (zero offsets and multipliers); prepare fills them in.
  public init() {}
  /// Input zero point.
  public var inputZeroPoint: Int32 = 0
  /// Output zero point.
  public var outputZeroPoint: Int32 = 0
  /// s_in / s_out.
  public var multiplier = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// Quantized bounds of the activation.
  public var low: Int32 = -128
  /// Quantized upper bound.
  public var high: Int32 = 127

  /// Checks the types (float32 → float32 or int8 → int8) and, for int8, computes LiteRT's
  /// parameters: multiplier s_in / s_out (formed in float), bounds zp + round(bound / s_out).
  static func make(_ input: TensorView, _ output: TensorView, low: Float, high: Float,
                   _ node: Node) throws(MicroError) -> ReluQuantParams {
    var p = ReluQuantParams()
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, output, node)
    if input.type != .int8 { return p }
    try checkInt8Quantization(input, node)
    try checkInt8Quantization(output, node)
    p.inputZeroPoint = input.zeroPoint
    p.outputZeroPoint = output.zeroPoint
    p.multiplier = try requantization(Double(input.scale / output.scale), node, output)
    p.low = Swift.max(-128, output.zeroPoint &+ MicroMath.roundToInt32(low / output.scale))
    p.high = high == .infinity ? 127 : Swift.min(127, output.zeroPoint &+ MicroMath.roundToInt32(high / output.scale))
    return p
  }
}
