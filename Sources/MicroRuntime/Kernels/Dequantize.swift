/// DEQUANTIZE: int8 → float32 (x = s·(q − z), computed in double as LiteRT does) or float16 →
/// float32 (exact IEEE half conversion). A constant input (float16 or int8 weights) is converted
/// once in prepare into persistent memory and the output becomes a constant, as LiteRT does: the
/// consumers then pack those weights once, and eval has nothing to do.
public enum Dequantize: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var fromHalf: Bool
    var scale: Double
    var zeroPoint: Int32
    /// The output was computed in prepare.
    var folded = false
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
    if input.isConstant, let source = input.data, output.byteSize > 0 {
      let folded = try ctx.allocatePersistent(bytes: output.byteSize, alignment: 64)
      if ctx.materializes { convert(data, source, folded.assumingMemoryBound(to: Float.self), count: input.elementCount) }
      ctx.fold(output, into: folded)
      data.folded = true
    }
    return data
  }

  static func convert(_ data: OpData, _ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, count: Int) {
    if data.fromHalf {
      F32Convert.fromHalf(input.assumingMemoryBound(to: UInt16.self), output, count: count)
    } else {
      Reference.dequantize(input.assumingMemoryBound(to: Int8.self), output, count: count, scale: data.scale,
                           zeroPoint: data.zeroPoint)
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.folded { return }
    let input = ctx.input(node, 0)
    convert(data, UnsafeRawPointer(input.pointer(UInt8.self)), ctx.output(node, 0).floats, count: input.elementCount)
  }

  /// The registration for DEQUANTIZE, int8 and float16 → float32.
  public static var registration: Registration {
    registration(.dequantize, versions: 1...4, prepare: { Dequantize.prepareEntry($0, $1, $2) }, eval: { Dequantize.evalEntry($0, $1, $2) })
  }
}
