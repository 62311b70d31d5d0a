/// TANH: output = tanh(x); float32 and int8. Int8 uses a 256-entry table built in prepare exactly
/// as LiteRT's reference kernel builds it; the output is fixed at scale 1/128, zero point 0.
public enum Tanh: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var table: Int8Table
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    if input.type != .int8 { try checkType(input, .float32, node) }
    try checkSameType(input, output, node)
    var table = Int8Table(inputScale: 1, inputZeroPoint: 0, outputScale: 1, outputZeroPoint: 0) { $0 }
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(output, node)
      try checkFixedOutputQuantization(output, scale: 1.0 / 128, zeroPoint: 0, node)
      table = Int8Table(inputScale: input.scale, inputZeroPoint: input.zeroPoint,
                        outputScale: output.scale, outputZeroPoint: output.zeroPoint) { MicroMath.tanh($0) }
    }
    return OpData(isInt8: input.type == .int8, table: table)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      data.table.apply(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self), count: input.elementCount)
    } else {
      Reference.tanh(input.floats, ctx.output(node, 0).floats, count: input.elementCount)
    }
  }

  /// The registration for TANH, float32 and int8.
  public static var registration: Registration {
    registration(.tanh, versions: 1...3, prepare: { Tanh.prepareEntry($0, $1, $2) }, eval: { Tanh.evalEntry($0, $1, $2) })
  }
}
