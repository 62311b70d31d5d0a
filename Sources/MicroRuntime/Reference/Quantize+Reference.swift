extension Reference {
  /// Float → int8: round(x / scale) half away from zero, plus the zero point, saturated (NaN
  /// gives the zero point, ±inf saturates).
  @inlinable
  public static func quantize(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Int8>, count: Int,
                              scale: Float, zeroPoint: Int32) {
    for i in 0..<count {
      let q = MicroMath.roundToInt32(input[i] / scale) &+ zeroPoint
      output[i] = Int8(Swift.min(Swift.max(q, -128), 127))
    }
  }

  /// Int8 → int8: z_out + (x − z_in) · s_in/s_out, saturated.
  @inlinable
  public static func requantize(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int,
                                multiplier: QuantizedMultiplier, inputZeroPoint: Int32, outputZeroPoint: Int32) {
    for i in 0..<count {
      let q = multiplier.apply(Int32(input[i]) - inputZeroPoint) &+ outputZeroPoint
      output[i] = Int8(Swift.min(Swift.max(q, -128), 127))
    }
  }
}
