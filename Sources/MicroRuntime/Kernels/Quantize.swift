/// QUANTIZE: float32 → int8 (q = round(x / s) + z, saturated) or int8 → int8 requantization
/// (q = z_out + (x − z_in)·s_in/s_out, saturated).
public enum Quantize: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var fromFloat: Bool
    var scale: Float
    var inputZeroPoint: Int32
    var outputZeroPoint: Int32
    var multiplier: QuantizedMultiplier
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    try checkType(output, .int8, node)
    try checkInt8Quantization(output, node)
    if input.type != .int8 { try checkType(input, .float32, node) }
    var data = OpData(fromFloat: input.type == .float32, scale: output.scale, inputZeroPoint: 0,
                      outputZeroPoint: output.zeroPoint, multiplier: QuantizedMultiplier(multiplier: 0, shift: 0))
    if input.type == .int8 {
      try checkInt8Quantization(input, node)
      data.inputZeroPoint = input.zeroPoint
      data.multiplier = try requantization(Double(input.scale) / Double(output.scale), node, output)
    }
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    let output = ctx.output(node, 0).pointer(Int8.self)
    if data.fromFloat {
      Reference.quantize(input.floats, output, count: input.elementCount, scale: data.scale, zeroPoint: data.outputZeroPoint)
    } else {
      Reference.requantize(input.pointer(Int8.self), output, count: input.elementCount, multiplier: data.multiplier,
                           inputZeroPoint: data.inputZeroPoint, outputZeroPoint: data.outputZeroPoint)
    }
  }

  /// The registration for QUANTIZE, float32 → int8 and int8 → int8.
  public static var registration: Registration {
    registration(.quantize, versions: 1...3, prepare: { Quantize.prepareEntry($0, $1, $2) }, eval: { Quantize.evalEntry($0, $1, $2) })
  }
}
