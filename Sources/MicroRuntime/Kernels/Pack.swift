/// PACK: stacks `values_count` inputs of equal shape along a new dimension `axis`
/// (in -(rank+1)...rank).
public enum Pack: Kernel {
  // Options: values_count, axis.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Product of the input dimensions before the axis.
    var outer: Int
    /// Bytes of one input's block after the axis.
    var blockBytes: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let options = node.op.builtinOptionsAsPackOptions
    let n = Int(options?.valuesCount ?? 0)
    try check(n >= 1, .invalidOption, node, found: n)
    try ctx.expectCounts(node, inputs: n...n, outputs: 1...1)
    let first = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(output, node)
    let rank = first.dims.rank
    try checkRank(first, 0...(Dims.maxRank - 1), node)
    let axis = try normalizedAxis(Int(options?.axis ?? 0), rank: rank + 1, node, output)
    for k in 0..<n {
      let t = try ctx.input(node, k)
      try checkSameType(output, t, node)
      try checkShape(t, first.dims, node)
      if output.type == .int8 {
        try check(t.scale == output.scale && t.zeroPoint == output.zeroPoint, .invalidQuantization, node, t)
      }
    }
    var want = Dims(rank: rank + 1)
    for i in 0..<rank { want[i < axis ? i : i + 1] = first.dims[i] }
    want[axis] = n
    try checkShape(output, want, node)
    return OpData(outer: first.dims.product(0, axis), blockBytes: first.dims.product(axis, rank) * size)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let out = ctx.output(node, 0).data.unsafelyUnwrapped
    let n = node.inputCount
    for k in 0..<n {
      Reference.copyRows(src: ctx.input(node, k).data.unsafelyUnwrapped, srcRowBytes: data.blockBytes,
                         dst: out + k * data.blockBytes, dstRowBytes: n * data.blockBytes,
                         blockBytes: data.blockBytes, outer: data.outer)
    }
  }

  /// The registration for PACK (any movable element type).
  public static var registration: Registration {
    registration(.pack, versions: 1...4, prepare: { Pack.prepareEntry($0, $1, $2) }, eval: { Pack.evalEntry($0, $1, $2) })
  }
}
