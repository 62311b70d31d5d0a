extension Reference {
  /// Source coordinate of output position `x` for RESIZE_BILINEAR: the real position and the two
  /// neighbouring input indices, both clamped into the input.
  ///
  /// Mote differs from LiteRT's kernels here on purpose: they clamp only the upper neighbour, so
  /// where the position passes the last pixel (Float rounding of widths above 2^24) the lower one
  /// reads past the input. Clamped, such positions take the last pixel; in-range ones are unchanged.
  @inlinable
  public static func bilinearSource(_ x: Int, scale: Float, halfPixelCenters: Bool, inputSize: Int) -> (Float, Int, Int) {
    let p = halfPixelCenters ? (Float(x) + 0.5) * scale - 0.5 : Float(x) * scale
    let low = Swift.min(Swift.max(Int(p.rounded(.down)), 0), inputSize - 1)
    let high = Swift.min(Int(p.rounded(.up)), inputSize - 1)
    return (p, low, high)
  }

  /// Float RESIZE_BILINEAR on NHWC: each output pixel mixes its four source neighbours with weights
  /// (1 − dy or dy) · (1 − dx or dx), dy = y − y0, dx = x − x0.
  public static func resizeBilinear(input: UnsafePointer<Float>, batches: Int, inHeight: Int, inWidth: Int, depth: Int,
                                    output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int,
                                    heightScale: Float, widthScale: Float, halfPixelCenters: Bool) {
    var o = 0
    for b in 0..<batches {
      for y in 0..<outHeight {
        let (iy, y0, y1) = bilinearSource(y, scale: heightScale, halfPixelCenters: halfPixelCenters, inputSize: inHeight)
        let dy = iy - Float(y0)
        for x in 0..<outWidth {
          let (ix, x0, x1) = bilinearSource(x, scale: widthScale, halfPixelCenters: halfPixelCenters, inputSize: inWidth)
          let dx = ix - Float(x0)
          let p00 = input + ((b * inHeight + y0) * inWidth + x0) * depth
          let p10 = input + ((b * inHeight + y1) * inWidth + x0) * depth
          let p01 = input + ((b * inHeight + y0) * inWidth + x1) * depth
          let p11 = input + ((b * inHeight + y1) * inWidth + x1) * depth
          for c in 0..<depth {
            var v = p00[c] * (1 - dy) * (1 - dx)
            v += p10[c] * dy * (1 - dx)
            v += p01[c] * (1 - dy) * dx
            v += p11[c] * dy * dx
            output[o] = v
            o += 1
          }
        }
      }
    }
  }

  /// The input position of output index `x` in 1/1024 units, and its two neighbouring input
  /// indices, both clamped into the input, for the integer RESIZE_BILINEAR.
  ///
  /// The scale is rounded to 1/1024, so upscaling by more than about 3.3× (16 → 201 rows, 1 → 55)
  /// puts the last positions past the last pixel. LiteRT's kernels clamp only the upper neighbour
  /// there and read past the input; Mote clamps both on purpose, so those positions take the last
  /// pixel (all the weight falls on one row). Positions inside the input are computed as LiteRT does.
  @inlinable
  public static func bilinearSource10(_ x: Int, scale10: Int, halfPixelCenters: Bool, inputSize: Int) -> (Int, Int, Int) {
    let p = halfPixelCenters ? x * scale10 + scale10 / 2 - (1 << 9) : x * scale10
    // C division truncates toward zero; the max with 0 makes that equal to flooring here.
    let low = Swift.min(Swift.max(p / (1 << 10), 0), inputSize - 1)
    let high = Swift.min((p + (1 << 10) - 1) / (1 << 10), inputSize - 1)
    return (p, low, high)
  }

  /// int8 RESIZE_BILINEAR on NHWC in 10-bit fixed point: weights are 1024ths, the four products are
  /// summed in 2^-20 units and rounded half away from zero. Quantization is unchanged.
  public static func resizeBilinear(input: UnsafePointer<Int8>, batches: Int, inHeight: Int, inWidth: Int, depth: Int,
                                    output: UnsafeMutablePointer<Int8>, outHeight: Int, outWidth: Int,
                                    heightScale10: Int, widthScale10: Int, halfPixelCenters: Bool) {
    let one = 1 << 10
    var o = 0
    for b in 0..<batches {
      for y in 0..<outHeight {
        let (iy, y0, y1) = bilinearSource10(y, scale10: heightScale10, halfPixelCenters: halfPixelCenters, inputSize: inHeight)
        let wy = Int64(iy - one * y0)
        for x in 0..<outWidth {
          let (ix, x0, x1) = bilinearSource10(x, scale10: widthScale10, halfPixelCenters: halfPixelCenters, inputSize: inWidth)
          let wx = Int64(ix - one * x0)
          let p00 = input + ((b * inHeight + y0) * inWidth + x0) * depth
          let p10 = input + ((b * inHeight + y1) * inWidth + x0) * depth
          let p01 = input + ((b * inHeight + y0) * inWidth + x1) * depth
          let p11 = input + ((b * inHeight + y1) * inWidth + x1) * depth
          let big = Int64(one)
          for c in 0..<depth {
            let sum = Int64(p00[c]) * (big - wy) * (big - wx) + Int64(p10[c]) * wy * (big - wx)
              + Int64(p01[c]) * (big - wy) * wx + Int64(p11[c]) * wy * wx
            let rounded = (sum + (sum > 0 ? (1 << 19) : -(1 << 19))) / (1 << 20)
            output[o] = Int8(truncatingIfNeeded: rounded)
            o += 1
          }
        }
      }
    }
  }
}
