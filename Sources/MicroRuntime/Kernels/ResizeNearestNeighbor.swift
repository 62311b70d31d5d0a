/// RESIZE_NEAREST_NEIGHBOR on NHWC: each output pixel copies one input pixel (see
/// `Reference.nearestSource`); output size from `size` (input 1, int32 [2]).
public enum ResizeNearestNeighbor: Kernel {
  // Options: align_corners, half_pixel_centers.

  /// What eval needs: the resize geometry.
  public typealias OpData = ResizeBilinear.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let o = node.op.builtinOptionsAsResizeNearestNeighborOptions
    return try ResizeBilinear.prepareResize(node, &ctx, alignCorners: o?.alignCorners ?? false,
                                            halfPixelCenters: o?.halfPixelCenters ?? false)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    try ResizeBilinear.checkRuntimeSize(node, data, ctx)
    Reference.resizeNearestNeighbor(
      input: ctx.input(node, 0).data.unsafelyUnwrapped, batches: data.batches, inHeight: data.inHeight,
      inWidth: data.inWidth, pixelBytes: data.depth * data.elementSize, output: ctx.output(node, 0).data.unsafelyUnwrapped,
      outHeight: data.outHeight, outWidth: data.outWidth, heightScale: data.heightScale, widthScale: data.widthScale,
      alignCorners: data.alignCorners, halfPixelCenters: data.halfPixelCenters)
  }

  /// The registration for RESIZE_NEAREST_NEIGHBOR (any movable element type).
  public static var registration: Registration {
    registration(.resizeNearestNeighbor, versions: 1...4, prepare: { ResizeNearestNeighbor.prepareEntry($0, $1, $2) }, eval: { ResizeNearestNeighbor.evalEntry($0, $1, $2) })
  }
}
