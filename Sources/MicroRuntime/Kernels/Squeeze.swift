/// SQUEEZE: removes size-1 dimensions (those listed in `squeeze_dims`, or all of them when the list
/// is empty). Output 0 may share input 0's storage; eval then copies nothing.
public enum Squeeze: Kernel {
  // Options: squeeze_dims (negative values count from the end).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes to move.
    var bytes: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 1...1, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    _ = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    let rank = input.dims.rank
    var remove = InlineArray<8, Bool>(repeating: false)
    if let list = node.op.builtinOptionsAsSqueezeOptions?.squeezeDims, list.count > 0 {
      for i in 0..<list.count {
        let axis = try normalizedAxis(Int(list[i]), rank: rank, node, input)
        try check(input.dims[axis] == 1, .shapeMismatch, node, input, expected: 1, found: input.dims[axis])
        remove[axis] = true
      }
    } else {
      for i in 0..<rank where input.dims[i] == 1 { remove[i] = true }
    }
    var out = Dims()
    for i in 0..<rank where !remove[i] {
      out.rank += 1
      out[out.rank - 1] = input.dims[i]
    }
    try checkShape(output, out, node)
    return OpData(bytes: output.byteSize)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    copyUnlessAliased(from: ctx.input(node, 0).data.unsafelyUnwrapped, to: ctx.output(node, 0).data.unsafelyUnwrapped,
                      bytes: data.bytes)
  }

  /// The registration for SQUEEZE (any movable element type); output aliases input.
  public static var registration: Registration {
    registration(.squeeze, versions: 1...2, aliasesInput: true, prepare: { Squeeze.prepareEntry($0, $1, $2) }, eval: { Squeeze.evalEntry($0, $1, $2) })
  }
}
