/// MAX_POOL_2D over NHWC tensors: the largest in-bounds cell of each window; float32 and int8.
public enum MaxPool2D: Kernel {
  // Options (Pool2DOptions): padding, stride_w/h, filter_width/height, fused_activation_function.

  /// What eval needs.
  public typealias OpData = PoolData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try PoolData.prepare(node, &ctx)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0), output = ctx.output(node, 0)
    if data.quantized {
      Reference.maxPool2D(input: input.pointer(Int8.self), output: output.pointer(Int8.self), geometry: data.geometry,
                          channels: data.channels, low: Int8(truncatingIfNeeded: data.quantizedClamp.low),
                          high: Int8(truncatingIfNeeded: data.quantizedClamp.high))
    } else {
      Reference.maxPool2D(input: input.floats, output: output.floats, geometry: data.geometry,
                          channels: data.channels, low: data.floatClamp.low, high: data.floatClamp.high)
    }
  }

  /// The registration for MAX_POOL_2D (float32, int8).
  public static var registration: Registration {
    registration(.maxPool2D, versions: 1...3, prepare: { MaxPool2D.prepareEntry($0, $1, $2) }, eval: { MaxPool2D.evalEntry($0, $1, $2) })
  }
}
