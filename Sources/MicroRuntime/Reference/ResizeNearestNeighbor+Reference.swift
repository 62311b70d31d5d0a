extension Reference {
  /// Input index that output index `x` copies in RESIZE_NEAREST_NEIGHBOR: floor((x + offset) ·
  /// scale), or round-half-away with align_corners; offset 0.5 with half_pixel_centers.
  @inlinable
  public static func nearestSource(_ x: Int, scale: Float, alignCorners: Bool, halfPixelCenters: Bool, inputSize: Int) -> Int {
    let offset: Float = halfPixelCenters ? 0.5 : 0
    let p = (Float(x) + offset) * scale
    var i = Swift.min(Int(alignCorners ? p.rounded(.toNearestOrAwayFromZero) : p.rounded(.down)), inputSize - 1)
    if halfPixelCenters { i = Swift.max(0, i) }
    return i
  }

  /// RESIZE_NEAREST_NEIGHBOR on NHWC over elements of `elementSize` bytes.
  public static func resizeNearestNeighbor(input: UnsafeRawPointer, batches: Int, inHeight: Int, inWidth: Int,
                                           pixelBytes: Int, output: UnsafeMutableRawPointer, outHeight: Int,
                                           outWidth: Int, heightScale: Float, widthScale: Float,
                                           alignCorners: Bool, halfPixelCenters: Bool) {
    var o = output
    for b in 0..<batches {
      for y in 0..<outHeight {
        let sy = nearestSource(y, scale: heightScale, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters, inputSize: inHeight)
        for x in 0..<outWidth {
          let sx = nearestSource(x, scale: widthScale, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters, inputSize: inWidth)
          o.copyMemory(from: input + ((b * inHeight + sy) * inWidth + sx) * pixelBytes, byteCount: pixelBytes)
          o += pixelBytes
        }
      }
    }
  }
}
