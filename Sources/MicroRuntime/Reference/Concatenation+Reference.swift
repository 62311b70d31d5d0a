extension Reference {
  /// int8 CONCATENATION of one input whose quantization differs from the output's: each value is
  /// mapped through float, q_out = clamp(round(q_in · s + b) + zp_out) with s = scale_in · (1 /
  /// scale_out), b = −zp_in · s, rounding half away from zero (LiteRT's ConcatenationWithScaling).
  public static func concatenationRequantize(
    input: UnsafePointer<Int8>, inputScale: Float, inputZeroPoint: Int32, output: UnsafeMutablePointer<Int8>,
    outputScale: Float, outputZeroPoint: Int32, rowCount: Int, outer: Int, outputRowStride: Int
  ) {
    let s = inputScale * (1 / outputScale)
    let b = -Float(inputZeroPoint) * s
    for row in 0..<outer {
      for j in 0..<rowCount {
        let x = Float(input[row * rowCount + j])
        let v = Int32((x * s + b).rounded(.toNearestOrAwayFromZero)) + outputZeroPoint
        output[row * outputRowStride + j] = Int8(Swift.min(127, Swift.max(-128, v)))
      }
    }
  }
}
