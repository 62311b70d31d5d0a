/// SPLIT_V: cuts the input (input 0) along `axis` (input 2, constant scalar) into parts of the
/// sizes in `size_splits` (input 1, constant; one entry may be -1, meaning the rest).
public enum SplitV: Kernel {
  // Options: num_splits.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Product of the input dimensions before the axis.
    var outer: Int
    /// Bytes of one input row (the axis and everything after it).
    var rowBytes: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let n = Int(node.op.builtinOptionsAsSplitVOptions?.numSplits ?? 0)
    try check(n >= 1, .invalidOption, node, found: n)
    try ctx.expectCounts(node, inputs: 3...3, outputs: n...n)
    let input = try ctx.input(node, 0)
    let sizes = try ctx.input(node, 1)
    let axisTensor = try ctx.input(node, 2)
    let size = try checkMovableType(input, node)
    try checkIndexType(sizes, node)
    try checkIndexType(axisTensor, node)
    try checkConstant(sizes, node)
    try checkConstant(axisTensor, node)
    try check(axisTensor.elementCount == 1, .shapeMismatch, node, axisTensor, expected: 1, found: axisTensor.elementCount)
    try check(sizes.elementCount == n, .shapeMismatch, node, sizes, expected: n, found: sizes.elementCount)
    let axis = try normalizedAxis(axisTensor.index(0), rank: input.dims.rank, node, axisTensor)
    var known = 0
    var unknown = -1
    for k in 0..<n {
      let s = sizes.index(k)
      if s == -1 {
        try check(unknown < 0, .shapeMismatch, node, sizes, expected: 1, found: 2)
        unknown = k
      } else {
        try check(s >= 0, .shapeMismatch, node, sizes, expected: 0, found: s)
        known += s
      }
    }
    let total = input.dims[axis]
    try check(unknown >= 0 ? known <= total : known == total, .shapeMismatch, node, sizes, expected: total, found: known)
    for k in 0..<n {
      let t = try ctx.output(node, k)
      try checkSameType(input, t, node)
      var want = input.dims
      want[axis] = k == unknown ? total - known : sizes.index(k)
      try checkShape(t, want, node)
    }
    let inner = input.dims.product(axis + 1, input.dims.rank) * size
    return OpData(outer: input.dims.product(0, axis), rowBytes: total * inner)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let src = ctx.input(node, 0).data.unsafelyUnwrapped
    var offset = 0
    for k in 0..<node.outputCount {
      let t = ctx.output(node, k)
      let block = data.outer == 0 ? 0 : t.byteSize / data.outer
      Reference.copyRows(src: src + offset, srcRowBytes: data.rowBytes, dst: t.data.unsafelyUnwrapped,
                         dstRowBytes: block, blockBytes: block, outer: data.outer)
      offset += block
    }
  }

  /// The registration for SPLIT_V (any movable element type).
  public static var registration: Registration {
    registration(.splitV, versions: 1...3, prepare: { SplitV.prepareEntry($0, $1, $2) }, eval: { SplitV.evalEntry($0, $1, $2) })
  }
}
