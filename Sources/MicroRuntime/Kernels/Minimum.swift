/// MINIMUM: output = min(a, b) elementwise, with broadcasting; float32 and int8 (all three tensors
/// share one quantization, as the int8 spec requires, so int8 values compare directly).
public enum Minimum: Kernel {
  // Options: none.
  public typealias OpData = BinaryOpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (t, layout) = try ctx.binaryTensors(node, int8: true)
    if t.a.type == .int8 {
      try checkSameQuantization(t.b, t.a, node)
      try checkSameQuantization(t.output, t.a, node)
    }
    return BinaryOpData(layout: layout, isInt8: t.a.type == .int8, floatClamp: .none, quant: BinaryQuantParams())
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.isInt8 {
      Reference.maxMinInt8(a: ctx.input(node, 0).pointer(Int8.self), b: ctx.input(node, 1).pointer(Int8.self),
                           output: ctx.output(node, 0).pointer(Int8.self), layout: data.layout, maximum: false)
    } else {
      data.evalFloat(Smaller.self, node, ctx)
    }
  }

  /// min(a, b) as LiteRT computes it (a when a < b, else b; a NaN in a yields b).
  public enum Smaller: FloatBinaryFunction {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a < b ? a : b }
  }

  /// The registration for MINIMUM, float32 and int8.
  public static var registration: Registration {
    registration(.minimum, versions: 1...4, prepare: { Minimum.prepareEntry($0, $1, $2) }, eval: { Minimum.evalEntry($0, $1, $2) })
  }
}
