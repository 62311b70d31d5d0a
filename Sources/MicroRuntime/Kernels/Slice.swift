/// SLICE: the block of `size` elements starting at `begin` (inputs 1 and 2, constant int32/int64;
/// a size of -1 takes the rest of the dimension).
public enum Slice: Kernel {
  // No options.

  /// What eval needs: a strided copy with unit steps.
  public typealias OpData = StridedSlice.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 3...3, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let begin = try ctx.input(node, 1)
    let sizeT = try ctx.input(node, 2)
    let output = try ctx.output(node, 0)
    let elementSize = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    let rank = input.dims.rank
    try StridedSlice.checkSpec(begin, node)
    try StridedSlice.checkSpec(sizeT, node)
    try check(begin.elementCount == rank, .shapeMismatch, node, begin, expected: rank, found: begin.elementCount)
    try check(sizeT.elementCount == rank, .shapeMismatch, node, sizeT, expected: rank, found: sizeT.elementCount)
    let inStrides = input.dims.strides
    var start = 0
    var sizes = IndexVector(count: rank)
    for d in 0..<rank {
      let dim = input.dims[d]
      let b = begin.index(d)
      var s = sizeT.index(d)
      if s == -1 { s = dim - b }
      try check(b >= 0 && b <= dim, .indexOutOfRange, node, begin, expected: dim, found: b)
      try check(s >= 0 && b + s <= dim, .indexOutOfRange, node, sizeT, expected: dim - b, found: s)
      start += b * inStrides[d]
      sizes[d] = s
    }
    try checkShape(output, sizes.dims, node)
    if sizes.product == 0 { start = 0 }
    return OpData(elementSize: elementSize, start: start, strides: IndexVector(inStrides), sizes: sizes)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    try StridedSlice.eval(node, data, ctx)
  }

  /// The registration for SLICE (any movable element type).
  public static var registration: Registration {
    registration(.slice, versions: 1...6, prepare: { Slice.prepareEntry($0, $1, $2) }, eval: { Slice.evalEntry($0, $1, $2) })
  }
}
