/// UNPACK: splits the input along `axis` into `num` outputs with that dimension removed.
public enum Unpack: Kernel {
  // Options: num, axis.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Product of the input dimensions before the axis.
    var outer: Int
    /// Bytes of one output's block after the axis.
    var blockBytes: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let options = node.op.builtinOptionsAsUnpackOptions
    let input = try ctx.input(node, 0)
    let size = try checkMovableType(input, node)
    let rank = input.dims.rank
    try check(rank >= 1, .rankMismatch, node, input, expected: 1, found: rank)
    let axis = try normalizedAxis(Int(options?.axis ?? 0), rank: rank, node, input)
    let n = input.dims[axis]
    try check(options.map { Int($0.num) == n } ?? true, .invalidOption, node, input, expected: n, found: Int(options?.num ?? 0))
    try ctx.expectCounts(node, inputs: 1...1, outputs: n...n)
    var want = Dims(rank: rank - 1)
    for i in 0..<rank where i != axis { want[i < axis ? i : i - 1] = input.dims[i] }
    for k in 0..<n {
      let t = try ctx.output(node, k)
      try checkSameType(input, t, node)
      try checkShape(t, want, node)
    }
    return OpData(outer: input.dims.product(0, axis), blockBytes: input.dims.product(axis + 1, rank) * size)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let src = ctx.input(node, 0).data.unsafelyUnwrapped
    let n = node.outputCount
    for k in 0..<n {
      Reference.copyRows(src: src + k * data.blockBytes, srcRowBytes: n * data.blockBytes,
                         dst: ctx.output(node, k).data.unsafelyUnwrapped, dstRowBytes: data.blockBytes,
                         blockBytes: data.blockBytes, outer: data.outer)
    }
  }

  /// The registration for UNPACK (any movable element type).
  public static var registration: Registration {
    registration(.unpack, versions: 1...4, prepare: { Unpack.prepareEntry($0, $1, $2) }, eval: { Unpack.evalEntry($0, $1, $2) })
  }
}
