/// PAD: surrounds the input with `paddings` (input 1, [rank, 2] int32/int64: before and after
/// counts, non-negative) of zeros — the output's zero point for quantized types. PADV2 (see
/// `PadV2`) takes the value from input 2. Paddings computed at run time are checked in eval.
public enum Pad: Kernel {
  // No options.

  /// What eval needs (shared with PADV2).
  public struct OpData: BitwiseCopyable {
    /// Bytes per element.
    var elementSize: Int
    /// Input shape.
    var inDims: IndexVector
    /// Output shape.
    var outDims: IndexVector
    /// Padding before each dimension (when the paddings tensor is constant).
    var before: IndexVector
    /// Whether the paddings tensor must be read (and checked) in eval.
    var paddingsAtEval: Bool
    /// The fill value's bits for PAD (zero, or the zero point).
    var fill: UInt64
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    return try preparePadding(node, &ctx)
  }

  /// The checks PAD and PADV2 share.
  static func preparePadding(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let input = try ctx.input(node, 0)
    let paddings = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try checkIndexType(paddings, node)
    let rank = input.dims.rank
    try check(paddings.dims.rank == 2 && paddings.dims[0] == rank && paddings.dims[1] == 2, .shapeMismatch, node,
              paddings, expected: rank, found: paddings.dims.rank == 2 ? paddings.dims[0] : -1)
    try checkRank(output, rank...rank, node)
    var before = IndexVector(count: rank)
    if paddings.isConstant {
      var want = Dims(rank: rank)
      for d in 0..<rank {
        let b = paddings.index(2 * d)
        let a = paddings.index(2 * d + 1)
        try check(b >= 0 && a >= 0, .shapeMismatch, node, paddings, expected: 0, found: Swift.min(a, b))
        // Dims holds 32-bit sizes: a larger padded size would wrap around and could match the output.
        try check(input.dims[d] + b + a <= Int(Int32.max), .tensorTooLarge, node, paddings, found: input.dims[d] + b + a)
        before[d] = b
        want[d] = input.dims[d] + b + a
      }
      try checkShape(output, want, node)
    } else {
      for d in 0..<rank {
        try check(output.dims[d] >= input.dims[d], .shapeMismatch, node, output, expected: input.dims[d], found: output.dims[d])
      }
    }
    if input.type == .int8 || input.type == .int16 {
      try check(input.scale == output.scale && input.zeroPoint == output.zeroPoint, .invalidQuantization, node, output)
    }
    let zero: UInt64 = input.type == .int8 ? UInt64(UInt8(truncatingIfNeeded: output.zeroPoint))
      : input.type == .int16 ? UInt64(UInt16(truncatingIfNeeded: output.zeroPoint)) : 0
    return OpData(elementSize: size, inDims: IndexVector(input.dims), outDims: IndexVector(output.dims), before: before,
                  paddingsAtEval: !paddings.isConstant, fill: zero)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    var fill = data.fill
    try withUnsafeBytes(of: &fill) { (p: UnsafeRawBufferPointer) throws(MicroError) in
      try run(node, data, ctx, value: p.baseAddress.unsafelyUnwrapped)
    }
  }

  /// Pads with the element at `value`, reading run-time paddings when needed.
  static func run(_ node: Node, _ data: OpData, _ ctx: EvalContext, value: UnsafeRawPointer) throws(MicroError) {
    var before = data.before
    if data.paddingsAtEval {
      let paddings = ctx.input(node, 1)
      for d in 0..<data.inDims.count {
        let b = paddings.index(2 * d)
        let a = paddings.index(2 * d + 1)
        if b < 0 || a < 0 || data.inDims[d] + b + a != data.outDims[d] {
          throw MicroError(.shapeMismatch, op: node.index, tensor: paddings.index, expected: Int64(data.outDims[d]),
                           found: Int64(data.inDims[d] + b + a))
        }
        before[d] = b
      }
    }
    if data.elementSize == 4 {  // float32 (and int32: the same bit moves)
      F32Pad.run(input: ctx.input(node, 0).pointer(UInt32.self), inDims: data.inDims, before: before,
                 output: ctx.output(node, 0).pointer(UInt32.self), outDims: data.outDims,
                 value: value.loadUnaligned(as: UInt32.self))
      return
    }
    Reference.pad(elementSize: data.elementSize, input: ctx.input(node, 0).data.unsafelyUnwrapped, inDims: data.inDims,
                  before: before, output: ctx.output(node, 0).data.unsafelyUnwrapped, outDims: data.outDims, value: value)
  }

  /// The registration for PAD (any movable element type).
  public static var registration: Registration {
    registration(.pad, versions: 1...4, prepare: { Pad.prepareEntry($0, $1, $2) }, eval: { Pad.evalEntry($0, $1, $2) })
  }
}
