/// STRIDED_SLICE with TensorFlow's semantics: `begin`, `end`, `strides` (inputs 1-3, constant
/// int32/int64) form a sparse spec whose entries the masks modify — begin/end masks take the
/// whole range, the ellipsis stands for the dimensions the spec does not name, new_axis inserts a
/// size-1 dimension and shrink_axis takes one index and drops the dimension. Indices wrap once
/// (negative from the end) and clamp to the dimension; strides may be negative.
public enum StridedSlice: Kernel {
  // Options: begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask, offset.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes per element.
    var elementSize: Int
    /// Element offset of the first element taken.
    var start: Int
    /// Element step per dense dimension.
    var strides: IndexVector
    /// Elements taken per dense dimension (shrunk dimensions count 1).
    var sizes: IndexVector
  }

  /// One dimension of the dense spec.
  struct DenseAxis {
    var begin = 0
    var end = 0
    var stride = 1
    var beginMask = false
    var endMask = false
    var shrink = false
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 4...4, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let beginT = try ctx.input(node, 1)
    let endT = try ctx.input(node, 2)
    let stridesT = try ctx.input(node, 3)
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try checkSpec(beginT, node)
    try checkSpec(endT, node)
    try checkSpec(stridesT, node)
    let n = beginT.elementCount
    try check(endT.elementCount == n, .shapeMismatch, node, endT, expected: n, found: endT.elementCount)
    try check(stridesT.elementCount == n, .shapeMismatch, node, stridesT, expected: n, found: stridesT.elementCount)
    try check(n <= Dims.maxRank, .rankMismatch, node, beginT, expected: Dims.maxRank, found: n)
    let o = node.op.builtinOptionsAsStridedSliceOptions
    let newAxisMask = Int(o?.newAxisMask ?? 0)
    let shrinkMask = Int(o?.shrinkAxisMask ?? 0)
    let offset = o?.offset ?? false
    var ellipsisMask = Int(o?.ellipsisMask ?? 0)
    let rank = input.dims.rank

    // Sparse spec -> dense spec over the input's dimensions. A spec without an ellipsis has an
    // implicit one at its end.
    var sparseCount = n
    if ellipsisMask == 0 {
      ellipsisMask = 1 << n
      sparseCount = n + 1
    }
    var firstEllipsis = 0
    while ellipsisMask & (1 << firstEllipsis) == 0 { firstEllipsis += 1 }
    var newAxesAfterEllipsis = 0
    var i = firstEllipsis + 1
    while i < n { if newAxisMask & (1 << i) != 0 { newAxesAfterEllipsis += 1 }; i += 1 }

    var dense = InlineArray<8, DenseAxis>(repeating: DenseAxis())
    // Output dimensions in order: a dense index, or -1 for a new axis.
    var finalSource = InlineArray<16, Int>(repeating: 0)
    var finalCount = 0
    var full = 0
    var ellipsisDone = false
    for i in 0..<sparseCount {
      let bit = 1 << i
      if ellipsisMask & bit != 0 && !ellipsisDone {
        ellipsisDone = true
        let next = Swift.min(rank - (sparseCount - i) + 1 + newAxesAfterEllipsis, rank)
        while full < next {
          dense[full] = DenseAxis(beginMask: true, endMask: true)
          try check(finalCount < 16, .rankMismatch, node, output)
          finalSource[finalCount] = full
          finalCount += 1
          full += 1
        }
      } else if newAxisMask & bit != 0 {
        try check(finalCount < 16, .rankMismatch, node, output)
        finalSource[finalCount] = -1
        finalCount += 1
      } else {
        try check(full < rank, .invalidAxis, node, beginT, expected: rank, found: full)
        let b = beginT.index(i)
        var a = DenseAxis(begin: b, end: endT.index(i) &+ (offset ? b : 0), stride: stridesT.index(i),
                          beginMask: Int(o?.beginMask ?? 0) & bit != 0, endMask: Int(o?.endMask ?? 0) & bit != 0,
                          shrink: shrinkMask & bit != 0)
        if a.shrink { a.beginMask = false; a.endMask = false }
        dense[full] = a
        try check(finalCount < 16, .rankMismatch, node, output)
        finalSource[finalCount] = full
        finalCount += 1
        full += 1
      }
    }
    while full < rank {
      dense[full] = DenseAxis(beginMask: true, endMask: true)
      finalSource[finalCount] = full
      finalCount += 1
      full += 1
    }

    // Resolve each dense dimension to a start, step and count.
    let inStrides = input.dims.strides
    var start = 0
    var strides = IndexVector(count: rank)
    var sizes = IndexVector(count: rank)
    for d in 0..<rank {
      let a = dense[d]
      let dim = input.dims[d]
      var first: Int
      var count: Int
      var step = a.stride
      if a.shrink {
        first = a.begin < 0 ? a.begin + dim : a.begin
        try check(first >= 0 && first < dim, .indexOutOfRange, node, beginT, expected: dim, found: a.begin)
        count = 1
        step = 1
      } else {
        try check(step != 0, .invalidStride, node, stridesT, found: 0)
        let low = step > 0 ? 0 : -1
        let high = step > 0 ? dim : dim - 1
        if a.beginMask {
          first = step > 0 ? 0 : dim - 1
        } else {
          first = a.begin < 0 ? a.begin + dim : a.begin
          first = Swift.min(Swift.max(first, low), high)
        }
        var stop: Int
        if a.endMask {
          stop = step > 0 ? dim : -1
        } else {
          stop = a.end < 0 ? a.end + dim : a.end
          stop = Swift.min(Swift.max(stop, low), high)
        }
        count = step > 0 ? (stop - first + step - 1) / step : (first - stop - step - 1) / -step
        count = Swift.max(count, 0)
      }
      if dim == 0 { count = 0; first = 0 }
      start += first * inStrides[d]
      strides[d] = step * inStrides[d]
      sizes[d] = count
    }
    var want = Dims()
    for k in 0..<finalCount {
      let s = finalSource[k]
      if s >= 0 && dense[s].shrink { continue }
      try check(want.rank < Dims.maxRank, .rankMismatch, node, output, expected: Dims.maxRank, found: want.rank + 1)
      want.rank += 1
      want[want.rank - 1] = s < 0 ? 1 : sizes[s]
    }
    try checkShape(output, want, node)
    if sizes.product == 0 { start = 0 }
    return OpData(elementSize: size, start: start, strides: strides, sizes: sizes)
  }

  /// Checks one of begin, end, strides: a constant int32/int64 vector.
  static func checkSpec(_ t: TensorView, _ node: Node) throws(MicroError) {
    try checkIndexType(t, node)
    try checkConstant(t, node)
    try checkRank(t, 1...1, node)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    Reference.stridedCopy(elementSize: data.elementSize, input: ctx.input(node, 0).data.unsafelyUnwrapped,
                          start: data.start, strides: data.strides, outDims: data.sizes,
                          output: ctx.output(node, 0).data.unsafelyUnwrapped)
  }

  /// The registration for STRIDED_SLICE (any movable element type).
  public static var registration: Registration {
    registration(.stridedSlice, versions: 1...8, prepare: { StridedSlice.prepareEntry($0, $1, $2) }, eval: { StridedSlice.evalEntry($0, $1, $2) })
  }
}
