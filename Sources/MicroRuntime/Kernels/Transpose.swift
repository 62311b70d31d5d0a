/// TRANSPOSE: output dimension k is input dimension perm[k] (input 1, constant int32/int64, rank up
/// to 6): output[i_0, ..., i_{n-1}] = input[j] with j_{perm[k]} = i_k.
public enum Transpose: Kernel {
  // No options.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes per element.
    var elementSize: Int
    /// Output shape.
    var outDims: IndexVector
    /// Input stride (in elements) of the dimension each output dimension walks.
    var strides: IndexVector
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let perm = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try checkIndexType(perm, node)
    try checkConstant(perm, node)
    let rank = input.dims.rank
    try checkRank(input, 0...6, node)
    try check(perm.elementCount == rank, .shapeMismatch, node, perm, expected: rank, found: perm.elementCount)
    let inStrides = input.dims.strides
    var seen = InlineArray<8, Bool>(repeating: false)
    var outDims = Dims(rank: rank)
    var strides = IndexVector(count: rank)
    for k in 0..<rank {
      let p = try normalizedAxis(perm.index(k), rank: rank, node, perm)
      try check(!seen[p], .invalidAxis, node, perm, expected: rank, found: p)
      seen[p] = true
      outDims[k] = input.dims[p]
      strides[k] = inStrides[p]
    }
    try checkShape(output, outDims, node)
    return OpData(elementSize: size, outDims: IndexVector(outDims), strides: strides)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    Reference.stridedCopy(elementSize: data.elementSize, input: ctx.input(node, 0).data.unsafelyUnwrapped, start: 0,
                          strides: data.strides, outDims: data.outDims, output: ctx.output(node, 0).data.unsafelyUnwrapped)
  }

  /// The registration for TRANSPOSE (any movable element type).
  public static var registration: Registration {
    registration(.transpose, versions: 1...6, prepare: { Transpose.prepareEntry($0, $1, $2) }, eval: { Transpose.evalEntry($0, $1, $2) })
  }
}
