/// MEAN: the average over the `axis` dimensions (see `Reduce`). int8 follows LiteRT's reference
/// kernel: integer sums, then one multiplier with 1/n folded in, bit-exact.
public enum Mean: Kernel {
  // Options: keep_dims.

  /// What eval needs: the reduction geometry.
  public typealias OpData = Reduce.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try Reduce.prepare(node, &ctx, mean: true)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let d = data.inDims.values, strides = data.outStrides.values
    if data.quantized && data.inDims.count == 4 && strides[1] == 0 && strides[2] == 0 && strides[3] == 1
      && (d[0] == 1 || strides[0] == d[3]) {
      // int8 over H and W of NHWC: channel-vectorized sums, then the reference's requantization.
      let input = ctx.input(node, 0), output = ctx.output(node, 0)
      let sums = ctx.scratch(ScratchHandle(slot: data.sumsSlot)).assumingMemoryBound(to: Int32.self)
      s8SpatialSums(input.pointer(Int8.self), batches: d[0], pixels: d[1] * d[2], channels: d[3], sums: sums)
      Reference.meanInt8(sums: sums, count: data.count, inputZeroPoint: input.zeroPoint, multiplier: data.multiplier,
                         outputZeroPoint: output.zeroPoint, output: output.pointer(Int8.self), outputCount: data.outputCount)
      return
    }
    Reduce.eval(node, data, ctx, mean: true)
  }

  /// The registration for MEAN (float32, int8).
  public static var registration: Registration {
    registration(.mean, versions: 1...3, prepare: { Mean.prepareEntry($0, $1, $2) }, eval: { Mean.evalEntry($0, $1, $2) })
  }
}
