/// AVERAGE_POOL_2D over NHWC tensors: the mean of each window's in-bounds cells; float32 and int8.
public enum AveragePool2D: Kernel {
  // Options (Pool2DOptions): padding, stride_w/h, filter_width/height, fused_activation_function.

  /// What eval needs.
  public typealias OpData = PoolData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try PoolData.prepare(node, &ctx)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0), output = ctx.output(node, 0)
    if data.quantized {
      Reference.averagePool2D(input: input.pointer(Int8.self), output: output.pointer(Int8.self),
                              geometry: data.geometry, channels: data.channels, clamp: data.quantizedClamp)
    } else {
      Reference.averagePool2D(input: input.floats, output: output.floats, geometry: data.geometry,
                              channels: data.channels, clamp: data.floatClamp)
    }
  }

  /// The registration for AVERAGE_POOL_2D (float32, int8).
  public static var registration: Registration {
    registration(.averagePool2D, versions: 1...3, prepare: { AveragePool2D.prepareEntry($0, $1, $2) }, eval: { AveragePool2D.evalEntry($0, $1, $2) })
  }
}
