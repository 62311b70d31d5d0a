extension Reference {
  /// Float HARD_SWISH: x · min(max(x + 3, 0), 6) / 6.
  @inlinable
  public static func hardSwish(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count {
      let x = input[i]
      output[i] = x * Swift.min(6, Swift.max(0, x + 3)) / 6
    }
  }

  /// Int8 HARD_SWISH in int16 fixed point: x on a 128× finer scale; that rescaled to the output
  /// scale (before the final shift); a relu-ish factor (x rescaled so that 3.0 is 32768,
  /// saturated to [−1, 1], mapped to [0, 1]); their product; the final rounding shift.
  @inlinable
  public static func hardSwishInt8(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int,
                                   params p: HardSwishQuantParams) {
    for i in 0..<count {
      let x = Int16(input[i]) - p.inputZeroPoint                      // [-255, 255]
      let hires = x &* 128
      let preshiftOutput = saturatingRoundingDoublingHighMul16(hires, p.outputMultiplier)
      var reluish = hires
      if p.reluishShift > 0 { reluish = saturatingLeftShift16(reluish, p.reluishShift - 1) }
      reluish = saturatingRoundingDoublingHighMul16(reluish, p.reluishMultiplier)
      if p.reluishShift > 0 { reluish = saturatingLeftShift16(reluish, 1) }
      if p.reluishShift < 0 { reluish = roundingDivideByPowerOfTwo16(reluish, -p.reluishShift) }
      reluish = Int16(truncatingIfNeeded: (Int32(reluish) + (1 << 15)) >> 1)   // [-1, 1] → [0, 1]
      let preshift = saturatingDoublingHighMul16(reluish, preshiftOutput)
      let r = Int32(roundingDivideByPowerOfTwo16(preshift, -p.outputShift)) + Int32(p.outputZeroPoint)
      output[i] = Int8(Swift.min(Swift.max(r, -128), 127))
    }
  }
}
