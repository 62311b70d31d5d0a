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
    /// Int8: the exponential of every possible difference −255...0 (index −difference; 0 below
    /// diffMin), computed once by the reference's steps, in persistent memory.
    var exps: UnsafeMutablePointer<Int32>? = nil
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
      let exps = try ctx.allocatePersistent(bytes: 256 * 4, alignment: 64).bindMemory(to: Int32.self, capacity: 256)
      if ctx.materializes { Softmax.fillExps(exps, inputMultiplier: m, diffMin: data.diffMin) }
      data.exps = exps
    }
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8, let exps = data.exps {
      Softmax.int8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self), outer: data.outer,
                   depth: data.depth, exps: exps)
    } else {
      Reference.softmax(input.floats, ctx.output(node, 0).floats, outer: data.outer, depth: data.depth, beta: data.beta)
    }
  }

  /// The registration for SOFTMAX, float32 and int8.
  public static var registration: Registration {
    registration(.softmax, versions: 1...3, prepare: { Softmax.prepareEntry($0, $1, $2) }, eval: { Softmax.evalEntry($0, $1, $2) })
  }

  /// The table of `int8`: exps[d] = the reference's Q0.31 exponential of difference −d (0 when
  /// −d < diffMin, which then adds 0 to the sum and gives the output −128, as the reference does).
  public static func fillExps(_ exps: UnsafeMutablePointer<Int32>, inputMultiplier: QuantizedMultiplier, diffMin: Int32) {
    for d in 0..<256 {
      let diff = -Int32(d)
      exps[d] = diff >= diffMin ? expOnNegativeValuesQ5(inputMultiplier.apply(diff)) : 0
    }
  }

  /// Reference.softmaxInt8 with the exponentials looked up in `exps` (fillExps): the same sum,
  /// reciprocal and output rounding, bit for bit.
  public static func int8(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, outer: Int, depth: Int,
                          exps: UnsafePointer<Int32>) {
    let accumulationIntegerBits: Int32 = 12
    for r in 0..<outer {
      let x = input + r * depth
      let y = output + r * depth
      var maximum = Int8.min
      for c in 0..<depth { maximum = Swift.max(maximum, x[c]) }
      let top = Int(maximum)
      var sum: Int32 = 0
      for c in 0..<depth {
        sum = sum &+ roundingDivideByPowerOfTwo(exps[top &- Int(x[c])], accumulationIntegerBits)
      }
      let (scale, bitsOverUnit) = reciprocal(sum, integerBits: accumulationIntegerBits)
      let shift = Swift.min(Swift.max(bitsOverUnit + 31 - 8, 0), 31)
      for c in 0..<depth {
        let e = exps[top &- Int(x[c])]
        let unsaturated = roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(scale, e), shift)
        y[c] = Int8(truncatingIfNeeded: Swift.min(Swift.max(unsaturated &- 128, -128), 127))
      }
    }
  }
}
