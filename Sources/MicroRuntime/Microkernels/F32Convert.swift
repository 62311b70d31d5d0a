// Float16 → float32 conversion for DEQUANTIZE of float16 weights (float16 models dequantize every
// weight tensor on every invocation). Integer-only, so it is exact on every target (no reliance on
// denormal support of vector units: ARMv7 NEON flushes them to zero).

/// Float conversions.
public enum F32Convert {
  /// float32 values of IEEE binary16 `input` bits, exactly (as `Reference.halfToFloat`). Zeros and
  /// normal numbers take a branch-free loop LLVM vectorizes; subnormals, infinities and NaNs are
  /// rare in weights and are redone by the reference conversion in a second pass when present.
  public static func fromHalf(_ input: UnsafePointer<UInt16>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    // Chunks of 256, so a subnormal only sends its own chunk through the second pass.
    var start = 0
    while start < count {
      let n = Swift.min(256, count - start)
      if fromHalfFast(input + start, output + start, count: n) != 0 {
        for i in start..<start + n {
          let magnitude = input[i] & 0x7FFF
          if (magnitude &- 1) < 0x3FF || magnitude >= 0x7C00 { output[i] = Reference.halfToFloat(input[i]) }
        }
      }
      start += n
    }
  }

  /// The branch-free loop: exact for zeros and normal numbers; returns nonzero when `input` holds a
  /// subnormal, an infinity or a NaN (whose outputs are then wrong).
  @inline(__always)
  static func fromHalfFast(_ input: UnsafePointer<UInt16>, _ output: UnsafeMutablePointer<Float>, count: Int) -> UInt32 {
    let bits = UnsafeMutableRawPointer(output).assumingMemoryBound(to: UInt32.self)
    var special: UInt32 = 0
    var i = 0
    while i < count {
      // 0/1 flags instead of comparisons keep the loop free of branches, so LLVM vectorizes it.
      let h = UInt32(input[i])
      let sign = (h & 0x8000) &<< 16
      let magnitude = h & 0x7FFF
      let nonzero = (magnitude &+ 0x7FFF) >> 15        // 1 unless ±0
      let exponent = magnitude >> 10
      let isMax = (exponent &+ 1) >> 5                 // exponent 31: infinity or NaN
      let isZeroExponent = ((exponent &+ 31) >> 5) ^ 1  // exponent 0: zero or subnormal
      // Normal: rebias the exponent by 127 − 15 = 112 (0x3800_0000 after the shift); ±0 stays.
      bits[i] = sign | ((magnitude &<< 13) &+ 0x3800_0000 &* nonzero)
      special |= (isZeroExponent & nonzero) | isMax
      i &+= 1
    }
    return special
  }
}
