/// GATHER: takes slices of `params` (input 0) along `axis` at `indices` (input 1, int32/int64,
/// possibly computed at run time); the first `batch_dims` dimensions of params and indices pair
/// up. Output shape: params[..<axis] + indices[batch_dims...] + params[(axis+1)...].
public enum Gather: Kernel {
  // Options: axis, batch_dims (both may be negative).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Product of the first batch_dims dimensions.
    var batch: Int
    /// Product of params' dimensions between batch_dims and axis.
    var outer: Int
    /// Params' size along the axis.
    var axisSize: Int
    /// Bytes of one slice after the axis.
    var innerBytes: Int
    /// Indices per batch.
    var coords: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let params = try ctx.input(node, 0)
    let indices = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    let size = try checkMovableType(params, node)
    try checkSameType(params, output, node)
    try checkIndexType(indices, node)
    let options = node.op.builtinOptionsAsGatherOptions
    let rank = params.dims.rank
    try check(rank >= 1, .rankMismatch, node, params, expected: 1, found: 0)
    let axis = try normalizedAxis(Int(options?.axis ?? 0), rank: rank, node, params)
    var batchDims = Int(options?.batchDims ?? 0)
    if batchDims < 0 { batchDims += indices.dims.rank }
    try check(batchDims >= 0 && batchDims <= axis && batchDims <= indices.dims.rank, .invalidOption, node, indices,
              expected: axis, found: batchDims)
    for d in 0..<batchDims {
      try check(params.dims[d] == indices.dims[d], .shapeMismatch, node, indices, expected: params.dims[d], found: indices.dims[d])
    }
    var want = Dims()
    func append(_ v: Int) throws(MicroError) {
      try check(want.rank < Dims.maxRank, .rankMismatch, node, output, expected: Dims.maxRank, found: want.rank + 1)
      want.rank += 1
      want[want.rank - 1] = v
    }
    for d in 0..<axis { try append(params.dims[d]) }
    for d in batchDims..<indices.dims.rank { try append(indices.dims[d]) }
    for d in (axis + 1)..<rank { try append(params.dims[d]) }
    try checkShape(output, want, node)
    if params.type == .int8 {
      try check(params.scale == output.scale && params.zeroPoint == output.zeroPoint, .invalidQuantization, node, output)
    }
    return OpData(batch: params.dims.product(0, batchDims), outer: params.dims.product(batchDims, axis),
                  axisSize: params.dims[axis], innerBytes: params.dims.product(axis + 1, rank) * size,
                  coords: indices.dims.product(batchDims, indices.dims.rank))
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    try Reference.gather(params: ctx.input(node, 0).data.unsafelyUnwrapped, indices: ctx.input(node, 1),
                         output: ctx.output(node, 0).data.unsafelyUnwrapped, batch: data.batch, outer: data.outer,
                         axisSize: data.axisSize, innerBytes: data.innerBytes, coords: data.coords, op: node.index)
  }

  /// The registration for GATHER (any movable element type; int32 or int64 indices).
  public static var registration: Registration {
    registration(.gather, versions: 1...7, prepare: { Gather.prepareEntry($0, $1, $2) }, eval: { Gather.evalEntry($0, $1, $2) })
  }
}
