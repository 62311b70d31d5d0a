extension Reference {
  /// Int8 → float32: Float(scale · (q − z)) with the product in double.
  @inlinable
  public static func dequantize(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Float>, count: Int,
                                scale: Double, zeroPoint: Int32) {
    for i in 0..<count { output[i] = Float(scale * Double(Int32(input[i]) - zeroPoint)) }
  }

  /// Float16 (raw IEEE binary16 bits) → float32, exactly.
  @inlinable
  public static func dequantizeHalf(_ input: UnsafePointer<UInt16>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { output[i] = halfToFloat(input[i]) }
  }

  /// The float32 with the same value as the IEEE binary16 `bits` (NaN payloads kept).
  @inlinable
  public static func halfToFloat(_ bits: UInt16) -> Float {
    let sign = UInt32(bits >> 15) << 31
    let exponent = UInt32(bits >> 10) & 0x1F
    var mantissa = UInt32(bits) & 0x3FF
    if exponent == 0x1F {                                   // inf or NaN
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    }
    if exponent != 0 {                                      // normal: rebias 15 → 127
      return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }
    if mantissa == 0 { return Float(bitPattern: sign) }     // ±0
    // Subnormal: value = mantissa · 2^-24; normalize so the leading 1 is bit 10.
    var e: UInt32 = 113                                     // biased float exponent of 2^-14
    while mantissa & 0x400 == 0 {
      mantissa <<= 1
      e -= 1
    }
    return Float(bitPattern: sign | (e << 23) | ((mantissa & 0x3FF) << 13))
  }
}
