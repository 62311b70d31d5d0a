/// DIV: output = act(a / b), with broadcasting; float32 (as LiteRT: x/0 gives ±Float.greatestFiniteMagnitude,
/// 0/0 NaN) and int8 (fixed-point reciprocal; division by zero saturates, see `Reference.divInt8`).
public enum Div: Kernel {
  // Options: fused_activation_function (NONE, RELU, RELU_N1_TO_1, RELU6).
  public typealias OpData = BinaryOpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (t, layout) = try ctx.binaryTensors(node, int8: true)
    let activation = node.op.builtinOptionsAsDivOptions?.fusedActivationFunction ?? .none
    var data = BinaryOpData(layout: layout, isInt8: t.a.type == .int8, floatClamp: .none, quant: BinaryQuantParams())
    if !data.isInt8 {
      data.floatClamp = try FloatClamp.fused(activation, op: node.index)
      return data
    }
    data.quant.offsetA = -t.a.zeroPoint
    data.quant.offsetB = -t.b.zeroPoint
    data.quant.outputOffset = t.output.zeroPoint
    // LiteRT forms s_a / (s_b · s_out) in float, then quantizes it as a double.
    data.quant.multiplierOut = try requantization(Double(t.a.scale / (t.b.scale * t.output.scale)), node, t.output)
    data.quant.clamp = try QuantizedClamp.fused(activation, scale: t.output.scale, zeroPoint: t.output.zeroPoint,
                                                typeMin: -128, typeMax: 127, op: node.index)
    return data
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.isInt8 {
      Reference.divInt8(a: ctx.input(node, 0).pointer(Int8.self), b: ctx.input(node, 1).pointer(Int8.self),
                        output: ctx.output(node, 0).pointer(Int8.self), layout: data.layout, params: data.quant)
    } else {
      data.evalFloat(Quotient.self, node, ctx)
    }
  }

  /// a / b.
  public enum Quotient: FloatBinaryFunction {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a / b }
  }

  /// The registration for DIV, float32 and int8.
  public static var registration: Registration {
    registration(.div, versions: 1...2, prepare: { Div.prepareEntry($0, $1, $2) }, eval: { Div.evalEntry($0, $1, $2) })
  }
}
