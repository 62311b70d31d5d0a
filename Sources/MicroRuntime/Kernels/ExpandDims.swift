/// EXPAND_DIMS: inserts a size-1 dimension at `axis` (input 1, in -(rank+1)...rank). Output 0 may
/// share input 0's storage; eval then copies nothing.
public enum ExpandDims: Kernel {
  // No options; the axis is input 1 (int32 or int64, one element).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes to move.
    var bytes: Int
    /// The axis the output's shape implies, or -1 when the axis tensor is constant (checked).
    var impliedAxis: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let axisTensor = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    _ = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try checkIndexType(axisTensor, node)
    try check(axisTensor.elementCount == 1, .shapeMismatch, node, axisTensor, expected: 1, found: axisTensor.elementCount)
    let rank = input.dims.rank
    try checkRank(input, 0...(Dims.maxRank - 1), node)
    if axisTensor.isConstant {
      let axis = try normalizedAxis(axisTensor.index(0), rank: rank + 1, node, axisTensor)
      try checkShape(output, expanded(input.dims, at: axis), node)
      return OpData(bytes: output.byteSize, impliedAxis: -1)
    }
    // A computed axis: the model's output shape must be the input's with one 1 inserted; eval checks
    // that the value inserts it where the shape says (any 1 in a run of 1s gives the same shape).
    try checkRank(output, (rank + 1)...(rank + 1), node)
    for axis in 0...rank where expanded(input.dims, at: axis) == output.dims {
      return OpData(bytes: output.byteSize, impliedAxis: axis)
    }
    try checkShape(output, expanded(input.dims, at: rank), node)
    return OpData(bytes: output.byteSize, impliedAxis: rank)
  }

  /// `dims` with a 1 inserted at `axis`.
  static func expanded(_ dims: Dims, at axis: Int) -> Dims {
    var out = Dims(rank: dims.rank + 1)
    for i in 0..<dims.rank { out[i < axis ? i : i + 1] = dims[i] }
    return out
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.impliedAxis >= 0 {
      let t = ctx.input(node, 1)
      let rank = input.dims.rank
      var axis = t.index(0)
      if axis < 0 { axis += rank + 1 }
      if axis < 0 || axis > rank || expanded(input.dims, at: axis) != expanded(input.dims, at: data.impliedAxis) {
        throw MicroError(.invalidAxis, op: node.index, tensor: t.index, expected: Int64(data.impliedAxis), found: Int64(t.index(0)))
      }
    }
    copyUnlessAliased(from: input.data.unsafelyUnwrapped, to: ctx.output(node, 0).data.unsafelyUnwrapped, bytes: data.bytes)
  }

  /// The registration for EXPAND_DIMS (any movable element type); output aliases input.
  public static var registration: Registration {
    registration(.expandDims, versions: 1...3, aliasesInput: true, prepare: { ExpandDims.prepareEntry($0, $1, $2) }, eval: { ExpandDims.evalEntry($0, $1, $2) })
  }
}
