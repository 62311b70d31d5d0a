/// SUB: output = act(a − b), with broadcasting; float32 and int8.
public enum Sub: Kernel {
  // Options: fused_activation_function (NONE, RELU, RELU_N1_TO_1, RELU6).
  public typealias OpData = BinaryOpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (t, layout) = try ctx.binaryTensors(node, int8: true)
    let activation = node.op.builtinOptionsAsSubOptions?.fusedActivationFunction ?? .none
    return try .addSub(t, layout, activation, node)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.isInt8 {
      Reference.addSubInt8(a: ctx.input(node, 0).pointer(Int8.self), b: ctx.input(node, 1).pointer(Int8.self),
                           output: ctx.output(node, 0).pointer(Int8.self), layout: data.layout,
                           params: data.quant, subtract: true)
    } else {
      data.evalFloat(Difference.self, node, ctx)
    }
  }

  /// a − b.
  public enum Difference: FloatBinaryFunction {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a - b }
  }

  /// The registration for SUB, float32 and int8.
  public static var registration: Registration {
    registration(.sub, versions: 1...5, prepare: { Sub.prepareEntry($0, $1, $2) }, eval: { Sub.evalEntry($0, $1, $2) })
  }
}
