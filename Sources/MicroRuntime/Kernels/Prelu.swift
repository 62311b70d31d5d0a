/// PRELU: output = x ≥ 0 ? x : alpha · x, with alpha broadcast against the input (typically
/// shared over some axes); float32 and int8.
public enum Prelu: Kernel {
  // Options: none. Inputs: input, alpha.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var layout: BroadcastLayout
    var isInt8: Bool
    var params: PreluQuantParams
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let alpha = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, alpha, node)
    try checkSameType(input, output, node)
    let layout = try BroadcastLayout.make(input, alpha, output: output, node: node)
    var p = PreluQuantParams()
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(alpha, node)
      try checkInt8Quantization(output, node)
      p.inputOffset = -input.zeroPoint
      p.alphaOffset = -alpha.zeroPoint
      p.outputOffset = output.zeroPoint
      // As LiteRT: the ratios are formed in float, then quantized.
      p.identity = try requantization(Double(input.scale / output.scale), node, output)
      p.alpha = try requantization(Double(input.scale * alpha.scale / output.scale), node, output)
    }
    return OpData(layout: layout, isInt8: input.type == .int8, params: p)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.isInt8 {
      Reference.preluInt8(ctx.input(node, 0).pointer(Int8.self), alpha: ctx.input(node, 1).pointer(Int8.self),
                          ctx.output(node, 0).pointer(Int8.self), layout: data.layout, params: data.params)
    } else {
      F32Binary.run(MicrokernelCatalog.f32Prelu, a: ctx.input(node, 0).floats, b: ctx.input(node, 1).floats,
                    output: ctx.output(node, 0).floats, layout: data.layout, clamp: .none)
    }
  }

  /// The registration for PRELU, float32 and int8.
  public static var registration: Registration {
    registration(.prelu, versions: 1...1, prepare: { Prelu.prepareEntry($0, $1, $2) }, eval: { Prelu.evalEntry($0, $1, $2) })
  }
}

/// Int8 parameters of PRELU.
public struct PreluQuantParams: BitwiseCopyable {
  /// Neutral parameters (zero offsets and multipliers); prepare fills them in.
  public init() {}
  /// −input zero point.
  public var inputOffset: Int32 = 0
  /// −alpha zero point.
  public var alphaOffset: Int32 = 0
  /// Output zero point.
  public var outputOffset: Int32 = 0
  /// s_in / s_out.
  public var identity = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// s_in · s_alpha / s_out.
  public var alpha = QuantizedMultiplier(multiplier: 0, shift: 0)
}
