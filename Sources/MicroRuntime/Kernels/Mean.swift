/// MEAN: the average over the `axis` dimensions (see `Reduce`). int8 follows LiteRT's reference
/// kernel: integer sums, then one multiplier with 1/n folded in, bit-exact.
public enum Mean: Kernel {
  // Options: keep_dims.

  /// What eval needs: the reduction geometry, and whether it is a float mean over the spatial axes
  /// of an NHWC tensor (global average pooling), which has a vector kernel.
  public struct OpData: BitwiseCopyable {
    var reduce: Reduce.OpData
    var spatialMean: Bool
    /// The same geometry for int8: channel-vectorized sums, then the reference's requantization.
    var s8SpatialMean: Bool = false
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let r = try Reduce.prepare(node, &ctx, mean: true)
    let d = r.inDims, s = r.outStrides
    let spatial = !r.quantized && d.count == 4 && s[1] == 0 && s[2] == 0 && s[3] == 1 && (d[0] == 1 || s[0] == d[3])
    let s8Spatial = r.quantized && d.count == 4 && s[1] == 0 && s[2] == 0 && s[3] == 1 && (d[0] == 1 || s[0] == d[3])
    return OpData(reduce: r, spatialMean: spatial, s8SpatialMean: s8Spatial)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.spatialMean {
      let d = data.reduce.inDims
      MicrokernelCatalog.f32GlobalAvgPool.run(ctx.input(node, 0).floats, d[0], d[1] * d[2], d[3], ctx.output(node, 0).floats)
      return
    }
    if data.s8SpatialMean {
      let r = data.reduce, d = r.inDims
      let input = ctx.input(node, 0), output = ctx.output(node, 0)
      let sums = ctx.scratch(ScratchHandle(slot: r.sumsSlot)).assumingMemoryBound(to: Int32.self)
      s8SpatialSums(input.pointer(Int8.self), batches: d[0], pixels: d[1] * d[2], channels: d[3], sums: sums)
      Reference.meanInt8(sums: sums, count: r.count, inputZeroPoint: input.zeroPoint, multiplier: r.multiplier,
                         outputZeroPoint: output.zeroPoint, output: output.pointer(Int8.self), outputCount: r.outputCount)
      return
    }
    Reduce.eval(node, data.reduce, ctx, mean: true)
  }

  /// The registration for MEAN (float32, int8).
  public static var registration: Registration {
    registration(.mean, versions: 1...3, prepare: { Mean.prepareEntry($0, $1, $2) }, eval: { Mean.evalEntry($0, $1, $2) })
  }
}
