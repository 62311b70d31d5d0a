/// SPLIT: cuts the input (input 1) into `num_splits` equal parts along `axis` (input 0, a constant
/// int32 scalar).
public enum Split: Kernel {
  // Options: num_splits.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Product of the input dimensions before the axis.
    var outer: Int
    /// Bytes of one input row (the axis and everything after it).
    var rowBytes: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let n = Int(node.op.builtinOptionsAsSplitOptions?.numSplits ?? 0)
    try check(n >= 1, .invalidOption, node, found: n)
    try ctx.expectCounts(node, inputs: 2...2, outputs: n...n)
    let axisTensor = try ctx.input(node, 0)
    let input = try ctx.input(node, 1)
    let size = try checkMovableType(input, node)
    try checkIndexType(axisTensor, node)
    try checkConstant(axisTensor, node)
    try check(axisTensor.elementCount == 1, .shapeMismatch, node, axisTensor, expected: 1, found: axisTensor.elementCount)
    let axis = try normalizedAxis(axisTensor.index(0), rank: input.dims.rank, node, axisTensor)
    try check(input.dims[axis] % n == 0, .shapeMismatch, node, input, expected: n, found: input.dims[axis])
    var want = input.dims
    want[axis] = input.dims[axis] / n
    for k in 0..<n {
      let t = try ctx.output(node, k)
      try checkSameType(input, t, node)
      try checkShape(t, want, node)
    }
    return OpData(outer: input.dims.product(0, axis), rowBytes: input.dims.product(axis, input.dims.rank) * size)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let src = ctx.input(node, 1).data.unsafelyUnwrapped
    let block = data.rowBytes / node.outputCount
    for k in 0..<node.outputCount {
      Reference.copyRows(src: src + k * block, srcRowBytes: data.rowBytes, dst: ctx.output(node, k).data.unsafelyUnwrapped,
                         dstRowBytes: block, blockBytes: block, outer: data.outer)
    }
  }

  /// The registration for SPLIT (any movable element type).
  public static var registration: Registration {
    registration(.split, versions: 1...4, prepare: { Split.prepareEntry($0, $1, $2) }, eval: { Split.evalEntry($0, $1, $2) })
  }
}
