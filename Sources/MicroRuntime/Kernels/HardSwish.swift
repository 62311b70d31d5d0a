/// HARD_SWISH: output = x · relu6(x + 3) / 6; float32 and int8 (LiteRT's int16 fixed-point
/// formulation: the input on a 128× finer scale, a "relu-ish" factor in [0, 1] as Q15).
public enum HardSwish: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var params: HardSwishQuantParams
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, output, node)
    var p = HardSwishQuantParams()
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(output, node)
      p.inputZeroPoint = Int16(input.zeroPoint)
      p.outputZeroPoint = Int16(output.zeroPoint)
      // As LiteRT: the ratios are formed in float, quantized as Q31, then rounded to Q15.
      let hiresInputScale = (1.0 as Float / 128) * input.scale
      let reluishScale: Float = 3.0 / 32768
      let out = QuantizedMultiplier(Double(hiresInputScale / output.scale))
      let reluish = QuantizedMultiplier(Double(hiresInputScale / reluishScale))
      try check(out.shift <= 0, .multiplierOutOfRange, node, output, expected: 0, found: Int(out.shift))
      // Shifts beyond what an int16 can use change nothing; bound them so eval's shifts are defined.
      try check(reluish.shift >= -31 && reluish.shift <= 31, .multiplierOutOfRange, node, input,
                expected: 31, found: Int(reluish.shift))
      p.outputMultiplier = downScaleMultiplierTo16(out.multiplier)
      p.outputShift = out.shift
      p.reluishMultiplier = downScaleMultiplierTo16(reluish.multiplier)
      p.reluishShift = reluish.shift
    }
    return OpData(isInt8: input.type == .int8, params: p)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      Reference.hardSwishInt8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self),
                              count: input.elementCount, params: data.params)
    } else {
      Reference.hardSwish(input.floats, ctx.output(node, 0).floats, count: input.elementCount)
    }
  }

  /// The registration for HARD_SWISH, float32 and int8.
  public static var registration: Registration {
    registration(.hardSwish, versions: 1...1, prepare: { HardSwish.prepareEntry($0, $1, $2) }, eval: { HardSwish.evalEntry($0, $1, $2) })
  }
}

/// Int8 parameters of HARD_SWISH (Q15 multipliers with power-of-two exponents).
public struct HardSwishQuantParams: BitwiseCopyable {
  /// Neutral parameters (zero offsets and multipliers); prepare fills them in.
  public init() {}
  /// Input zero point.
  public var inputZeroPoint: Int16 = 0
  /// Output zero point.
  public var outputZeroPoint: Int16 = 0
  /// (s_in / 128) / s_out as Q15.
  public var outputMultiplier: Int16 = 0
  /// Its exponent (≤ 0).
  public var outputShift: Int32 = 0
  /// (s_in / 128) / (3 / 32768) as Q15: maps 3.0 to 32768.
  public var reluishMultiplier: Int16 = 0
  /// Its exponent.
  public var reluishShift: Int32 = 0
}
