/// CONCATENATION: joins the inputs along `axis`. int8 inputs whose scale or zero point differ from
/// the output's are requantized (the others are copied); float output takes the fused activation.
public enum Concatenation: Kernel {
  // Options: axis (negative counts from the end), fused_activation_function (float only).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes per element.
    var elementSize: Int
    /// The (non-negative) axis.
    var axis: Int
    /// Product of the dimensions before the axis.
    var outer: Int
    /// Product of the dimensions after the axis.
    var inner: Int
    /// Output size along the axis.
    var outputAxisSize: Int
    /// Whether the inputs are int8 and need the requantization check.
    var quantized: Bool
    /// Float clamp of the fused activation (nil when none).
    var clamp: FloatClamp?
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 1...Int(Int32.max), outputs: 1...1)
    let options = node.op.builtinOptionsAsConcatenationOptions
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(output, node)
    let rank = output.dims.rank
    let axis = try normalizedAxis(Int(options?.axis ?? 0), rank: Swift.max(rank, 1), node, output)
    try check(rank > 0, .rankMismatch, node, output, expected: 1, found: 0)
    let activation = options?.fusedActivationFunction ?? .none
    var clamp: FloatClamp? = nil
    if activation != .none {
      try check(output.type == .float32, .invalidOption, node, output, found: Int(activation.rawValue))
      // LiteRT's CONCATENATION copies values unclamped when there is no activation (inf stays inf).
      clamp = activation == .none ? .none : try FloatClamp.fused(activation, op: node.index)
    }
    let quantized = output.type == .int8
    if quantized { try checkInt8Quantization(output, node) }
    var axisSum = 0
    for k in 0..<node.inputCount {
      let t = try ctx.input(node, k)
      try checkSameType(output, t, node)
      try checkRank(t, rank...rank, node)
      for d in 0..<rank where d != axis {
        try check(t.dims[d] == output.dims[d], .shapeMismatch, node, t, expected: output.dims[d], found: t.dims[d])
      }
      axisSum += t.dims[axis]
      if quantized {
        try checkInt8Quantization(t, node)
        let ratio = t.scale / output.scale
        try check(ratio.isFinite && ratio < 65536, .multiplierOutOfRange, node, t)
      }
    }
    try check(axisSum == output.dims[axis], .shapeMismatch, node, output, expected: axisSum, found: output.dims[axis])
    return OpData(elementSize: size, axis: axis, outer: output.dims.product(0, axis),
                  inner: output.dims.product(axis + 1, rank), outputAxisSize: output.dims[axis],
                  quantized: quantized, clamp: clamp)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let output = ctx.output(node, 0)
    let out = output.data.unsafelyUnwrapped
    let outRow = data.outputAxisSize * data.inner
    var offset = 0
    for k in 0..<node.inputCount {
      let t = ctx.input(node, k)
      let row = t.dims[data.axis] * data.inner
      if data.quantized && (t.scale != output.scale || t.zeroPoint != output.zeroPoint) {
        Reference.concatenationRequantize(
          input: t.pointer(Int8.self), inputScale: t.scale, inputZeroPoint: t.zeroPoint,
          output: output.pointer(Int8.self) + offset, outputScale: output.scale, outputZeroPoint: output.zeroPoint,
          rowCount: row, outer: data.outer, outputRowStride: outRow)
      } else {
        Reference.copyRows(src: t.data.unsafelyUnwrapped, srcRowBytes: row * data.elementSize,
                           dst: out + offset * data.elementSize, dstRowBytes: outRow * data.elementSize,
                           blockBytes: row * data.elementSize, outer: data.outer)
      }
      offset += row
    }
    if let clamp = data.clamp {
      let f = output.floats
      for i in 0..<output.elementCount { f[i] = clamp.apply(f[i]) }
    }
  }

  /// The registration for CONCATENATION (float32 with activation; int8 with requantization; other
  /// movable types copied).
  public static var registration: Registration {
    registration(.concatenation, versions: 1...4, prepare: { Concatenation.prepareEntry($0, $1, $2) }, eval: { Concatenation.evalEntry($0, $1, $2) })
  }
}
