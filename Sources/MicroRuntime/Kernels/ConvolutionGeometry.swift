// Shared by the window operators (CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D) and the
// int8 matrix products: TFLite's output-size and padding formulas, and the per-channel
// requantization data that prepare computes once.

/// The spatial geometry of a 2-D window over NHWC tensors, computed and checked in prepare.
public struct WindowGeometry: BitwiseCopyable {
  /// Batch count (input and output dimension 0).
  public var batches: Int
  /// Input height and width.
  public var inputHeight: Int, inputWidth: Int
  /// Output height and width.
  public var outputHeight: Int, outputWidth: Int
  /// Window (filter) height and width.
  public var filterHeight: Int, filterWidth: Int
  /// Strides.
  public var strideHeight: Int, strideWidth: Int
  /// Dilations (1 for pools).
  public var dilationHeight: Int, dilationWidth: Int
  /// Padding before the first row and column (TFLite pads the odd extra cell at the end).
  public var padTop: Int, padLeft: Int

  /// TFLite's output size for one spatial dimension.
  public static func outputSize(_ padding: TFLite.Padding, input: Int, filter: Int, stride: Int,
                                dilation: Int) -> Int {
    let effective = (filter - 1) * dilation + 1
    if padding == .same { return (input + stride - 1) / stride }
    return (input - effective + stride) / stride
  }

  /// TFLite's leading padding for one spatial dimension: half the total, rounded down, never negative.
  public static func leadingPad(input: Int, filter: Int, stride: Int, dilation: Int, output: Int) -> Int {
    let effective = (filter - 1) * dilation + 1
    let total = (output - 1) * stride + effective - input
    return total > 0 ? total / 2 : 0
  }

  /// Checks an NHWC input and output against the window options and returns the geometry.
  /// The output's height and width must be TFLite's, and its batch the input's.
  public static func make(_ node: Node, padding: TFLite.Padding, input: TensorView, output: TensorView,
                          filterHeight: Int, filterWidth: Int, strideHeight: Int, strideWidth: Int,
                          dilationHeight: Int = 1, dilationWidth: Int = 1) throws(MicroError) -> WindowGeometry {
    try checkRank(input, 4...4, node)
    try checkRank(output, 4...4, node)
    try check(padding == .same || padding == .valid, .invalidOption, node, found: Int(padding.rawValue))
    try check(strideHeight > 0, .invalidStride, node, found: strideHeight)
    try check(strideWidth > 0, .invalidStride, node, found: strideWidth)
    try check(dilationHeight > 0, .invalidDilation, node, found: dilationHeight)
    try check(dilationWidth > 0, .invalidDilation, node, found: dilationWidth)
    try check(filterHeight > 0, .invalidFilterSize, node, found: filterHeight)
    try check(filterWidth > 0, .invalidFilterSize, node, found: filterWidth)
    // Keep (filter - 1) * dilation far from overflow; real models are nowhere near this.
    try check(filterHeight <= 0xFFFF && dilationHeight <= 0xFFFF, .invalidFilterSize, node, found: filterHeight)
    try check(filterWidth <= 0xFFFF && dilationWidth <= 0xFFFF, .invalidFilterSize, node, found: filterWidth)
    let inH = input.dims[1], inW = input.dims[2]
    let outH = outputSize(padding, input: inH, filter: filterHeight, stride: strideHeight, dilation: dilationHeight)
    let outW = outputSize(padding, input: inW, filter: filterWidth, stride: strideWidth, dilation: dilationWidth)
    try check(outH > 0, .shapeMismatch, node, output, expected: outH, found: output.dims[1])
    try check(outW > 0, .shapeMismatch, node, output, expected: outW, found: output.dims[2])
    try check(output.dims[0] == input.dims[0], .shapeMismatch, node, output, expected: input.dims[0], found: output.dims[0])
    try check(output.dims[1] == outH, .shapeMismatch, node, output, expected: outH, found: output.dims[1])
    try check(output.dims[2] == outW, .shapeMismatch, node, output, expected: outW, found: output.dims[2])
    return WindowGeometry(
      batches: input.dims[0], inputHeight: inH, inputWidth: inW, outputHeight: outH, outputWidth: outW,
      filterHeight: filterHeight, filterWidth: filterWidth, strideHeight: strideHeight, strideWidth: strideWidth,
      dilationHeight: dilationHeight, dilationWidth: dilationWidth,
      padTop: leadingPad(input: inH, filter: filterHeight, stride: strideHeight, dilation: dilationHeight, output: outH),
      padLeft: leadingPad(input: inW, filter: filterWidth, stride: strideWidth, dilation: dilationWidth, output: outW))
  }
}

/// What an int8 convolution or matrix product needs to turn int32 accumulators into int8 outputs:
/// acc = Σ (input + inputOffset) · weight + bias; out = clamp(multiplier[c](acc) + outputOffset).
public struct ChannelRequantization: BitwiseCopyable {
  /// One multiplier per output channel, in the arena's persistent part (lives as long as the
  /// interpreter).
  public var multipliers: UnsafeMutablePointer<QuantizedMultiplier>
  /// Number of multipliers.
  public var channels: Int
  /// −(input zero point).
  public var inputOffset: Int32
  /// The output zero point.
  public var outputOffset: Int32
  /// The fused activation's range in the output's integer domain.
  public var clamp: QuantizedClamp

  /// Requantizes one accumulator of channel `c`.
  @inlinable @inline(__always) public func output(_ acc: Int32, channel c: Int) -> Int8 {
    let v = multipliers[c].apply(acc) &+ outputOffset
    return Int8(truncatingIfNeeded: Swift.min(Swift.max(v, clamp.low), clamp.high))
  }

  /// Checks the int8 spec for input, weights (symmetric, per-tensor or per-channel along
  /// `channelAxis`), int32 bias (scale = input scale × weight scale) and output, and computes the
  /// per-channel multipliers input scale × weight scale[c] / output scale.
  /// `floatProduct`: TFLite forms input scale × weight scale in float before widening (per-tensor
  /// FULLY_CONNECTED, BATCH_MATMUL); CONV_2D and DEPTHWISE_CONV_2D form it in double.
  public static func make(_ node: Node, _ ctx: inout PrepareContext, input: TensorView, weights: TensorView,
                          bias: TensorView?, output: TensorView, channels: Int, channelAxis: Int,
                          activation: TFLite.ActivationFunctionType,
                          floatProduct: Bool = false) throws(MicroError) -> ChannelRequantization {
    try checkType(input, .int8, node)
    try checkType(weights, .int8, node)
    try checkType(output, .int8, node)
    try checkActivation(input, node)
    try checkActivation(output, node)
    let wq = try symmetricWeightQuantization(weights, channels: channels, channelAxis: channelAxis, node)
    let scaleCount = wq.scale.count
    if let bias {
      try checkType(bias, .int32, node)
      try check(bias.elementCount == channels, .shapeMismatch, node, bias, expected: channels, found: bias.elementCount)
      let biasScales = bias.scaleCount
      try check(bias.isQuantized && (biasScales == 1 || biasScales == scaleCount), .missingQuantization, node, bias,
                expected: scaleCount, found: biasScales)
    }
    let raw = try ctx.allocatePersistent(bytes: channels * MemoryLayout<QuantizedMultiplier>.stride,
                                         alignment: MemoryLayout<QuantizedMultiplier>.alignment)
    let multipliers = raw.assumingMemoryBound(to: QuantizedMultiplier.self)
    for c in 0..<channels {
      let ws = wq.scale[scaleCount == 1 ? 0 : c]
      try check(ws > 0 && ws.isFinite, .invalidScale, node, weights)
      let product = floatProduct ? Double(input.scale * ws) : Double(input.scale) * Double(ws)
      if let bias, let bq = bias.quantization {
        let bs = Double(bq.scale[bq.scale.count == 1 ? 0 : c])
        let diff = product > bs ? product - bs : bs - product
        try check(diff <= 1e-5 * Swift.max(product, bs), .biasScaleMismatch, node, bias)
      }
      let m = try requantization(product / Double(output.scale), node, output)
      if ctx.materializes { multipliers[c] = m }
    }
    let clamp = try QuantizedClamp.fused(activation, scale: output.scale, zeroPoint: output.zeroPoint,
                                         typeMin: -128, typeMax: 127, op: node.index)
    return ChannelRequantization(multipliers: multipliers, channels: channels, inputOffset: -input.zeroPoint,
                                 outputOffset: output.zeroPoint, clamp: clamp)
  }

  /// Checks that an int8 activation tensor has a positive finite scale and an int8 zero point.
  public static func checkActivation(_ t: TensorView, _ node: Node) throws(MicroError) {
    try check(t.isQuantized, .missingQuantization, node, t)
    try check(t.scale.isFinite, .invalidScale, node, t)
    try check(t.zeroPoint >= -128 && t.zeroPoint <= 127, .invalidQuantization, node, t,
              expected: 0, found: Int(t.zeroPoint))
  }

  /// The number of int8·int8 products (each at most 255 · 128 in magnitude) an int32 accumulator can
  /// sum while leaving half its range for the bias: prepare rejects longer sums, so eval's wrapping
  /// adds cannot overflow before the bias is added.
  public static var accumulationLimit: Int { (1 << 30) / (255 * 128) }

  /// Throws `.tensorTooLarge` when one output sums more than `accumulationLimit` products.
  public static func checkAccumulation(_ products: Int, _ node: Node, _ weights: TensorView) throws(MicroError) {
    try check(products <= accumulationLimit, .tensorTooLarge, node, weights, expected: accumulationLimit, found: products)
  }
}


/// What a hybrid (dynamic-range) FULLY_CONNECTED or CONV_2D needs: float input and output, int8
/// weights. Eval quantizes each batch of the input to int8 (symmetric for per-tensor CONV_2D weights or
/// FULLY_CONNECTED without asymmetric_quantize_inputs; asymmetric otherwise), accumulates in int32,
/// and scales by input scale × weight scale[c], as LiteRT's hybrid kernels do.
public struct HybridWeights: BitwiseCopyable {
  /// One weight scale per output channel (per-tensor scales repeated), in the arena's persistent part.
  public var scales: UnsafeMutablePointer<Float>
  /// Scratch slot holding one batch of the quantized input.
  public var scratchSlot: Int
  /// Whether the input is quantized with a zero point (asymmetric) or symmetrically.
  public var asymmetric: Bool

  /// Checks float input/output/bias and constant symmetric int8 weights (per-tensor or per-channel on
  /// `channelAxis`), copies the weight scales, and requests `batchElements` bytes of scratch.
  public static func make(_ node: Node, _ ctx: inout PrepareContext, input: TensorView, weights: TensorView,
                          bias: TensorView?, output: TensorView, channels: Int, channelAxis: Int = 0,
                          batchElements: Int, asymmetric: Bool) throws(MicroError) -> HybridWeights {
    try checkType(input, .float32, node)
    try checkType(weights, .int8, node)
    try checkType(output, .float32, node)
    if let bias { try checkType(bias, .float32, node) }
    try check(weights.isConstant, .constantRequired, node, weights)
    let wq = try symmetricWeightQuantization(weights, channels: channels, channelAxis: channelAxis, node)
    let scaleCount = wq.scale.count
    let raw = try ctx.allocatePersistent(bytes: channels * MemoryLayout<Float>.stride, alignment: MemoryLayout<Float>.alignment)
    let scales = raw.assumingMemoryBound(to: Float.self)
    for c in 0..<channels {
      let s = wq.scale[scaleCount == 1 ? 0 : c]
      try check(s > 0 && s.isFinite, .invalidScale, node, weights)
      if ctx.materializes { scales[c] = s }
    }
    let scratch = try ctx.requestScratch(bytes: batchElements)
    return HybridWeights(scales: scales, scratchSlot: scratch.slot, asymmetric: asymmetric)
  }
}

/// The quantization of int8 weights that must be symmetric, per tensor or per channel on
/// `channelAxis` (`channels` scales, zero points all 0) — the int8 and the hybrid kernels' rule.
func symmetricWeightQuantization(_ weights: TensorView, channels: Int, channelAxis: Int,
                                 _ node: Node) throws(MicroError) -> TFLite.QuantizationParameters {
  guard let wq = weights.quantization, weights.isQuantized else {
    throw MicroError(.missingQuantization, op: node.index, tensor: weights.index)
  }
  let scaleCount = wq.scale.count
  try check(scaleCount == 1 || scaleCount == channels, .quantizationChannelMismatch, node, weights,
            expected: channels, found: scaleCount)
  if scaleCount > 1 {
    try check(Int(wq.quantizedDimension) == channelAxis, .invalidQuantization, node, weights,
              expected: channelAxis, found: Int(wq.quantizedDimension))
  }
  for i in 0..<wq.zeroPoint.count {
    try check(wq.zeroPoint[i] == 0, .invalidQuantization, node, weights, expected: 0, found: Int(wq.zeroPoint[i]))
  }
  return wq
}
