/// RELU6: output = min(max(0, x), 6); float32 and int8.
public enum Relu6: Kernel {
  // Options: none.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var isInt8: Bool
    var params: ReluQuantParams
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let (input, output) = try ctx.unaryTensors(node)
    let params = try ReluQuantParams.make(input, output, low: 0, high: 6, node)
    return OpData(isInt8: input.type == .int8, params: params)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0)
    if data.isInt8 {
      Reference.reluInt8(input.pointer(Int8.self), ctx.output(node, 0).pointer(Int8.self),
                         count: input.elementCount, params: data.params)
    } else {
      Reference.relu(input.floats, ctx.output(node, 0).floats, count: input.elementCount, low: 0, high: 6)
    }
  }

  /// The registration for RELU6, float32 and int8.
  public static var registration: Registration {
    registration(.relu6, versions: 1...3, prepare: { Relu6.prepareEntry($0, $1, $2) }, eval: { Relu6.evalEntry($0, $1, $2) })
  }
}
