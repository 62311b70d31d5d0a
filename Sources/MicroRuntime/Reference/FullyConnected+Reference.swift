extension Reference {
  /// Float FULLY_CONNECTED: output[b, u] = clamp(bias[u] + sum_i input[b, i] * weights[u, i]).
  public static func fullyConnected(
    input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, batches: Int, inputSize: Int, units: Int, clamp: FloatClamp
  ) {
    for b in 0..<batches {
      let x = input + b * inputSize
      for u in 0..<units {
        let w = weights + u * inputSize
        var acc: Float = 0
        for i in 0..<inputSize { acc += x[i] * w[i] }
        if let bias { acc += bias[u] }
        output[b * units + u] = clamp.apply(acc)
      }
    }
  }
}

extension Reference {
  /// Int8 FULLY_CONNECTED: acc = bias[u] + Σ_i (input[b, i] + inputOffset) · weights[u, i] (weights
  /// symmetric), then unit u's requantization, output offset and clamp.
  public static func fullyConnected(
    input: UnsafePointer<Int8>, weights: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
    output: UnsafeMutablePointer<Int8>, batches: Int, inputSize: Int, units: Int,
    requantization q: ChannelRequantization
  ) {
    for b in 0..<batches {
      let x = input + b * inputSize
      for u in 0..<units {
        let w = weights + u * inputSize
        var acc: Int32 = 0
        for i in 0..<inputSize { acc &+= (Int32(x[i]) &+ q.inputOffset) &* Int32(w[i]) }
        if let bias { acc &+= bias[u] }
        output[b * units + u] = q.output(acc, channel: u)
      }
    }
  }
}

extension Reference {
  /// `r` (already rounded) as an integer clamped to `low...high`; NaN becomes 0.
  @inlinable @inline(__always)
  static func clampedInt(_ r: Float, _ low: Int32, _ high: Int32) -> Int32 {
    if r >= Float(high) { return high }
    if r <= Float(low) { return low }
    return r.isNaN ? 0 : Int32(r)
  }

  /// Symmetric int8 quantization of `count` floats for hybrid kernels: scale = max|x| / 127,
  /// q = round(x · 127 / max|x|) in −127...127 (all zeros and scale 1 when max|x| = 0).
  /// Returns the scale; the zero point is 0.
  public static func quantizeSymmetric(_ x: UnsafePointer<Float>, count: Int, into q: UnsafeMutablePointer<Int8>) -> Float {
    var low: Float = 0, high: Float = 0
    if count > 0 { low = x[0]; high = x[0] }
    for i in 0..<count { low = Swift.min(low, x[i]); high = Swift.max(high, x[i]) }
    let range = Swift.max(low.magnitude, high.magnitude)
    if range == 0 {
      for i in 0..<count { q[i] = 0 }
      return 1
    }
    let inverse = 127 / range
    for i in 0..<count {
      q[i] = Int8(truncatingIfNeeded: clampedInt((x[i] * inverse).rounded(.toNearestOrAwayFromZero), -127, 127))
    }
    return range / 127
  }

  /// Asymmetric int8 quantization of `count` floats for hybrid kernels: the range [min(x, 0), max(x, 0)]
  /// maps onto −128...127 with the zero point from whichever end errs less,
  /// q = round(zeroPoint + x / scale). Returns (scale, zero point); (1, 0) and zeros for an all-zero range.
  public static func quantizeAsymmetric(_ x: UnsafePointer<Float>, count: Int,
                                        into q: UnsafeMutablePointer<Int8>) -> (scale: Float, zeroPoint: Int32) {
    var low: Float = 0, high: Float = 0
    for i in 0..<count { low = Swift.min(low, x[i]); high = Swift.max(high, x[i]) }
    if low == high {
      for i in 0..<count { q[i] = 0 }
      return (1, 0)
    }
    // The range is subtracted in float (as LiteRT does; a double subtraction differs by an ulp
    // of the scale on some inputs), the rest is double.
    let rmin = Double(low), rmax = Double(high)
    let scale = Double(high - low) / 255
    let fromMin = -128 - rmin / scale, fromMax = 127 - rmax / scale
    let errorMin = 128 + (rmin / scale).magnitude, errorMax = 127 + (rmax / scale).magnitude
    let z = errorMin < errorMax ? fromMin : fromMax
    let zeroPoint: Int32 = z <= -128 ? -128 : z >= 127 ? 127 : z.isNaN ? 0 : Int32(z.rounded(.toNearestOrAwayFromZero))
    let s = Float(scale)
    let inverse = 1 / s
    let zf = Float(zeroPoint)
    for i in 0..<count {
      q[i] = Int8(truncatingIfNeeded: clampedInt((zf + x[i] * inverse).rounded(.toNearestOrAwayFromZero), -128, 127))
    }
    return (s, zeroPoint)
  }

  /// Hybrid FULLY_CONNECTED (float input and output, int8 weights with per-unit `scales`): each batch
  /// row is quantized into `quantized` (symmetric or asymmetric), then
  /// output[b, u] = clamp(bias[u] + Float(Σ_i (q[i] − zeroPoint) · weights[u, i]) · (inputScale · scales[u])).
  public static func fullyConnectedHybrid(
    input: UnsafePointer<Float>, weights: UnsafePointer<Int8>, scales: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, batches: Int, inputSize: Int,
    units: Int, asymmetric: Bool, quantized: UnsafeMutablePointer<Int8>, clamp: FloatClamp
  ) {
    for b in 0..<batches {
      var inputScale: Float, zeroPoint: Int32 = 0
      if asymmetric {
        (inputScale, zeroPoint) = quantizeAsymmetric(input + b * inputSize, count: inputSize, into: quantized)
      } else {
        inputScale = quantizeSymmetric(input + b * inputSize, count: inputSize, into: quantized)
      }
      for u in 0..<units {
        let w = weights + u * inputSize
        var acc: Int32 = 0
        for i in 0..<inputSize { acc &+= (Int32(quantized[i]) &- zeroPoint) &* Int32(w[i]) }
        let scaled = Float(acc) * (inputScale * scales[u])
        output[b * units + u] = clamp.apply((bias?[u] ?? 0) + scaled)
      }
    }
  }
}
