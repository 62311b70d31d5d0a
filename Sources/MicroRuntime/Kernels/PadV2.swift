/// PADV2: PAD with the fill value taken from input 2 (one element of the input's type, in the
/// input's quantization).
public enum PadV2: Kernel {
  // No options.

  /// What eval needs: PAD's data.
  public typealias OpData = Pad.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...3, outputs: 1...1)
    let data = try Pad.preparePadding(node, &ctx)
    if let value = ctx.optionalInput(node, 2) {
      let input = try ctx.input(node, 0)
      try checkSameType(input, value, node)
      try check(value.elementCount == 1, .shapeMismatch, node, value, expected: 1, found: value.elementCount)
    }
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if let value = ctx.optionalInput(node, 2) {
      try Pad.run(node, data, ctx, value: UnsafeRawPointer(value.data.unsafelyUnwrapped))
    } else {
      try Pad.eval(node, data, ctx)
    }
  }

  /// The registration for PADV2 (any movable element type).
  public static var registration: Registration {
    registration(.padv2, versions: 1...4, prepare: { PadV2.prepareEntry($0, $1, $2) }, eval: { PadV2.evalEntry($0, $1, $2) })
  }
}
