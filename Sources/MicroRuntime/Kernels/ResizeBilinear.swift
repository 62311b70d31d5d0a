/// RESIZE_BILINEAR on NHWC: output spatial size from `size` (input 1, int32 [2]: height, width);
/// align_corners maps corner to corner, half_pixel_centers samples at pixel centres. Float uses
/// real weights; int8 uses TFLite's 10-bit fixed-point weights (input and output share quantization).
public enum ResizeBilinear: Kernel {
  // Options: align_corners, half_pixel_centers.

  /// What eval needs (shared with RESIZE_NEAREST_NEIGHBOR).
  public struct OpData: BitwiseCopyable {
    var batches: Int
    var inHeight: Int
    var inWidth: Int
    var depth: Int
    var outHeight: Int
    var outWidth: Int
    /// Float scales (input / output, or (in − 1) / (out − 1) with align_corners).
    var heightScale: Float
    var widthScale: Float
    /// The same scales in 1/1024 units (int8 bilinear).
    var heightScale10: Int
    var widthScale10: Int
    var alignCorners: Bool
    var halfPixelCenters: Bool
    /// Bytes per element.
    var elementSize: Int
    /// Whether the size tensor is computed at run time (checked in eval).
    var checkSize: Bool
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    let o = node.op.builtinOptionsAsResizeBilinearOptions
    let data = try prepareResize(node, &ctx, alignCorners: o?.alignCorners ?? false, halfPixelCenters: o?.halfPixelCenters ?? false)
    let input = try ctx.input(node, 0)
    try check(input.type == .float32 || input.type == .int8, .unsupportedType, node, input, found: Int(input.type.rawValue))
    return data
  }

  /// The checks both resize operators share.
  static func prepareResize(_ node: Node, _ ctx: inout PrepareContext, alignCorners: Bool,
                            halfPixelCenters: Bool) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let sizeT = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    let elementSize = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try checkRank(input, 4...4, node)
    try checkType(sizeT, .int32, node)
    try check(sizeT.elementCount == 2, .shapeMismatch, node, sizeT, expected: 2, found: sizeT.elementCount)
    try check(!(alignCorners && halfPixelCenters), .invalidOption, node)
    if input.type == .int8 {
      try check(input.scale == output.scale && input.zeroPoint == output.zeroPoint, .invalidQuantization, node, output)
    }
    let outHeight = output.dims.rank == 4 ? output.dims[1] : -1
    let outWidth = output.dims.rank == 4 ? output.dims[2] : -1
    if sizeT.isConstant {
      var want = input.dims
      want[1] = sizeT.index(0)
      want[2] = sizeT.index(1)
      try checkShape(output, want, node)
    } else {
      var want = input.dims
      want[1] = outHeight
      want[2] = outWidth
      try checkShape(output, want, node)
    }
    try check(outHeight > 0 && outWidth > 0, .shapeMismatch, node, output, expected: 1, found: Swift.min(outHeight, outWidth))
    let inHeight = input.dims[1]
    let inWidth = input.dims[2]
    // An empty image has no pixel to interpolate from (the output is not empty).
    try check(inHeight > 0 && inWidth > 0, .shapeMismatch, node, input, expected: 1, found: Swift.min(inHeight, inWidth))
    func scale(_ i: Int, _ o: Int) -> Float {
      alignCorners && o > 1 ? Float(i - 1) / Float(o - 1) : Float(i) / Float(o)
    }
    func scale10(_ i: Int, _ o: Int) -> Int {
      alignCorners && o > 1 ? ((1 << 10) * (i - 1) + (o - 1) / 2) / (o - 1) : ((1 << 10) * i + o / 2) / o
    }
    return OpData(batches: input.dims[0], inHeight: inHeight, inWidth: inWidth, depth: input.dims[3],
                  outHeight: outHeight, outWidth: outWidth, heightScale: scale(inHeight, outHeight),
                  widthScale: scale(inWidth, outWidth), heightScale10: scale10(inHeight, outHeight),
                  widthScale10: scale10(inWidth, outWidth), alignCorners: alignCorners,
                  halfPixelCenters: halfPixelCenters, elementSize: elementSize, checkSize: !sizeT.isConstant)
  }

  /// Checks a size tensor computed at run time against the output's shape.
  static func checkRuntimeSize(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if !data.checkSize { return }
    let s = ctx.input(node, 1)
    let h = s.index(0)
    let w = s.index(1)
    if h != data.outHeight || w != data.outWidth {
      throw MicroError(.shapeMismatch, op: node.index, tensor: s.index, expected: Int64(data.outHeight), found: Int64(h))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    try checkRuntimeSize(node, data, ctx)
    let input = ctx.input(node, 0)
    let output = ctx.output(node, 0)
    if input.type == .int8 {
      Reference.resizeBilinear(input: input.pointer(Int8.self), batches: data.batches, inHeight: data.inHeight,
                               inWidth: data.inWidth, depth: data.depth, output: output.pointer(Int8.self),
                               outHeight: data.outHeight, outWidth: data.outWidth, heightScale10: data.heightScale10,
                               widthScale10: data.widthScale10, halfPixelCenters: data.halfPixelCenters)
    } else {
      Reference.resizeBilinear(input: input.floats, batches: data.batches, inHeight: data.inHeight,
                               inWidth: data.inWidth, depth: data.depth, output: output.floats,
                               outHeight: data.outHeight, outWidth: data.outWidth, heightScale: data.heightScale,
                               widthScale: data.widthScale, halfPixelCenters: data.halfPixelCenters)
    }
  }

  /// The registration for RESIZE_BILINEAR (float32, int8).
  public static var registration: Registration {
    registration(.resizeBilinear, versions: 1...4, prepare: { ResizeBilinear.prepareEntry($0, $1, $2) }, eval: { ResizeBilinear.evalEntry($0, $1, $2) })
  }
}
