extension Reference {
  /// Visits every input element of a reduction once, in row-major order, with the index of the
  /// output element it reduces into (`outStrides[d]` is 0 for reduced dimensions).
  @inlinable
  public static func forEachReduced(inDims: IndexVector, outStrides: IndexVector, _ body: (Int, Int) -> Void) {
    let rank = inDims.count
    let total = inDims.product
    var position = IndexVector(count: rank)
    var o = 0
    for i in 0..<total {
      body(i, o)
      var k = rank - 1
      while k >= 0 {
        position[k] += 1
        o += outStrides[k]
        if position[k] < inDims[k] { break }
        o -= outStrides[k] * inDims[k]
        position[k] = 0
        k -= 1
      }
    }
  }

  /// Float SUM (or MEAN with `divideBy` = element count per output) over the reduced dimensions.
  public static func reduceSum(input: UnsafePointer<Float>, inDims: IndexVector, outStrides: IndexVector,
                               output: UnsafeMutablePointer<Float>, outputCount: Int, divideBy: Int?) {
    for o in 0..<outputCount { output[o] = 0 }
    forEachReduced(inDims: inDims, outStrides: outStrides) { i, o in output[o] += input[i] }
    if let n = divideBy {
      for o in 0..<outputCount { output[o] /= Float(n) }
    }
  }

  /// Raw int8 sums into `sums` (int32 per output element).
  public static func reduceSum(input: UnsafePointer<Int8>, inDims: IndexVector, outStrides: IndexVector,
                               sums: UnsafeMutablePointer<Int32>, outputCount: Int) {
    for o in 0..<outputCount { sums[o] = 0 }
    forEachReduced(inDims: inDims, outStrides: outStrides) { i, o in sums[o] &+= Int32(input[i]) }
  }

  /// int8 MEAN: q_out = clamp(M'(sum − n · zp_in) + zp_out), where M' is the input/output scale
  /// multiplier with 1/n folded in (`meanMultiplier`).
  public static func meanInt8(sums: UnsafePointer<Int32>, count n: Int, inputZeroPoint: Int32,
                              multiplier: QuantizedMultiplier, outputZeroPoint: Int32,
                              output: UnsafeMutablePointer<Int8>, outputCount: Int) {
    for o in 0..<outputCount {
      let shifted = sums[o] &- inputZeroPoint &* Int32(truncatingIfNeeded: n)
      let v = multiplier.apply(shifted) &+ outputZeroPoint
      output[o] = Int8(Swift.min(127, Swift.max(-128, v)))
    }
  }

  /// The MEAN multiplier: scale_in/scale_out with 1/n folded into the Q31 mantissa by shifting it
  /// left by floor(log2 n) (at most 32, and keeping the exponent ≥ −31) and dividing by n.
  public static func meanMultiplier(_ m: QuantizedMultiplier, count n: Int) -> QuantizedMultiplier {
    if n <= 0 { return m }
    var shift = Int32(Int.bitWidth - 1 - n.leadingZeroBitCount)
    shift = Swift.min(shift, 32)
    shift = Swift.min(shift, 31 + m.shift)
    let mantissa = (Int64(m.multiplier) << Int64(shift)) / Int64(n)
    return QuantizedMultiplier(multiplier: Int32(truncatingIfNeeded: mantissa), shift: m.shift - shift)
  }

  /// int8 SUM as LiteRT's optimized kernel computes it, in float: q_out = clamp(round(sum · s + b)
  /// + zp_out), s = scale_in / scale_out, b = −zp_in · s · n, rounding half away from zero.
  public static func sumInt8(sums: UnsafePointer<Int32>, count n: Int, inputScale: Float, inputZeroPoint: Int32,
                             outputScale: Float, outputZeroPoint: Int32, output: UnsafeMutablePointer<Int8>,
                             outputCount: Int) {
    let s = inputScale / outputScale
    let b = Float(-inputZeroPoint) * s * Float(n)
    for o in 0..<outputCount {
      let r = (Float(sums[o]) * s + b).rounded(.toNearestOrAwayFromZero)
      let v = Int32(Swift.min(Swift.max(r, -1e9), 1e9)) &+ outputZeroPoint
      output[o] = Int8(Swift.min(127, Swift.max(-128, v)))
    }
  }
}
