/// SHAPE: writes the input's dimensions as a 1-D int32 or int64 tensor (`out_type`).
public enum Shape: Kernel {
  // Options: out_type (INT32 or INT64). Like LiteRT, the output tensor's type decides.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// The input's shape (static: taken from the model).
    var dims: IndexVector
    /// Whether the output is int64.
    var wide: Bool
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 1...1, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    try checkIndexType(output, node)
    var want = Dims(rank: 1)
    want[0] = input.dims.rank
    try checkShape(output, want, node)
    return OpData(dims: IndexVector(input.dims), wide: output.type == .int64)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let output = ctx.output(node, 0)
    for i in 0..<data.dims.count {
      if data.wide {
        output.pointer(Int64.self)[i] = Int64(data.dims[i])
      } else {
        output.pointer(Int32.self)[i] = Int32(truncatingIfNeeded: data.dims[i])
      }
    }
  }

  /// The registration for SHAPE.
  public static var registration: Registration {
    registration(.shape, versions: 1...1, prepare: { Shape.prepareEntry($0, $1, $2) }, eval: { Shape.evalEntry($0, $1, $2) })
  }
}
