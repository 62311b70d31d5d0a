/// SOFTMAX over the last dimension: output = e^(β(x − max)) / Σ e^(β(x − max)); float32 and int8.
/// Int8 follows LiteRT's reference kernel (gemmlowp fixed point: differences scaled to Q5.26,
/// exp in Q0.31, sum in Q12.19, reciprocal by Newton-Raphson); the output is fixed at scale 1/256,
/// zero point −128.
///
/// Where LiteRT's reference kernel refuses a valid model — it requires β·s_in·2^26 > 1 and aborts
/// for tiny input scales — Mote scales the differences down with a rounding right shift instead
/// and computes the correct result.
public enum Softmax: Kernel {
  // Options: beta.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var beta: Float
    var outer: Int
    var depth: Int
    /// β · s_in · 2^26 as a quantized multiplier (int8).
    var inputMultiplier: QuantizedMultiplier
    /// Differences below this contribute exactly 0 (int8).
    var diffMin: Int32
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    let beta = node.op.builtinOptionsAsSoftmaxOptions?.beta ?? 1
    try check(beta.isFinite, .invalidOption, node)
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, output, node)
    try checkRank(input, 1...Dims.maxRank, node)
    let depth = input.dims[input.dims.rank - 1]
    let outer = depth == 0 ? 0 : input.elementCount / depth
    var data = OpData(isInt8: input.type == .int8, beta: beta, outer: outer, depth: depth,
                      inputMultiplier: QuantizedMultiplier(multiplier: 0, shift: 0), diffMin: 0)
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(output, node)
      try checkFixedOutputQuantization(output, scale: 1.0 / 256, zeroPoint: -128, node)
      try check(beta > 0, .invalidOption, node)
      let scaledDiffIntegerBits = 5
      let real = Swift.min(Double(beta) * Double(input.scale) * Double(1 << (31 - scaledDiffIntegerBits)),
                           Double(Int32.max))
      let m = QuantizedMultiplier(real)
      data.inputMultiplier = m
      // The largest difference magnitude whose rescaled value still fits in Q5.26.
      let radius = (Double((1 << scaledDiffIntegerBits) - 1) * Double(1 << (31 - scaledDiffIntegerBits))
                    / Double(sign: .plus, exponent: Int(m.shift), significand: 1)).rounded(.down)
      data.diffMin = radius >= 2_147_483_647 ? Int32.min + 1 : -Int32(radius)
    }
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      Reference.softmaxInt8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self),
                            outer: data.outer, depth: data.depth,
                            inputMultiplier: data.inputMultiplier, diffMin: data.diffMin)
    } else {
      Reference.softmax(input.floats, ctx.output(node, 0).floats, outer: data.outer, depth: data.depth, beta: data.beta)
    }
  }

  /// The registration for SOFTMAX, float32 and int8.
  public static var registration: Registration {
    registration(.softmax, versions: 1...3, prepare: { Softmax.prepareEntry($0, $1, $2) }, eval: { Softmax.evalEntry($0, $1, $2) })
  }
}
