/// DIV: output = act(a / b), with broadcasting; float32 (division by zero gives ±inf or NaN, as
/// in LiteRT).
public enum Div: Kernel {
  // Options: fused_activation_function (NONE, RELU, RELU_N1_TO_1, RELU6).
  public typealias OpData = BinaryOpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (_, layout) = try ctx.binaryTensors(node, int8: false)
    let activation = node.op.builtinOptionsAsDivOptions?.fusedActivationFunction ?? .none
    return BinaryOpData(layout: layout, isInt8: false, floatClamp: try FloatClamp.fused(activation, op: node.index),
                        quant: BinaryQuantParams())
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    data.evalFloat(Quotient.self, node, ctx)
  }

  /// a / b.
  public enum Quotient: FloatBinaryFunction {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a / b }
  }

  /// The registration for DIV, float32.
  public static var registration: Registration {
    registration(.div, versions: 1...2, prepare: { Div.prepareEntry($0, $1, $2) }, eval: { Div.evalEntry($0, $1, $2) })
  }
}
