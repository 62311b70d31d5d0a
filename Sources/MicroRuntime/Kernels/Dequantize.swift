/// DEQUANTIZE: int8 → float32 (x = s·(q − z), computed in double as LiteRT does) or float16 →
/// float32 (exact IEEE half conversion).
public enum Dequantize: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var fromHalf: Bool
    var scale: Double
    var zeroPoint: Int32
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    try checkType(output, .float32, node)
    if input.type != .float16 { try checkType(input, .int8, node) }
    var data = OpData(fromHalf: input.type == .float16, scale: 0, zeroPoint: 0)
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      data.scale = Double(input.scale)
      data.zeroPoint = input.zeroPoint
    }
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.fromHalf {
      Reference.dequantizeHalf(input.pointer(UInt16.self), ctx.output(node, 0).floats, count: input.elementCount)
    } else {
      Reference.dequantize(input.pointer(Int8.self), ctx.output(node, 0).floats, count: input.elementCount,
                           scale: data.scale, zeroPoint: data.zeroPoint)
    }
  }

  /// The registration for DEQUANTIZE, int8 and float16 → float32.
  public static var registration: Registration {
    registration(.dequantize, versions: 1...4, prepare: { Dequantize.prepareEntry($0, $1, $2) }, eval: { Dequantize.evalEntry($0, $1, $2) })
  }
}
