// Fixed-point arithmetic for quantized kernels, with TensorFlow Lite's rounding rules (the
// "double rounding" variant LiteRT's reference kernels use). Quantize computes requantization
// parameters with these same functions, so host and device round identically.

/// A real multiplier as a Q31 fixed-point value and a power-of-two exponent:
/// real ≈ multiplier · 2^(shift − 31).
public struct QuantizedMultiplier: Equatable, BitwiseCopyable {
  /// Q31 mantissa in [2^30, 2^31) (or 0).
  public var multiplier: Int32
  /// Power-of-two exponent; positive shifts left.
  public var shift: Int32

  /// Wraps an already computed pair.
  @inlinable public init(multiplier: Int32, shift: Int32) {
    self.multiplier = multiplier
    self.shift = shift
  }

  /// Quantizes `real` (TFLite's QuantizeMultiplier): frexp, round half away from zero to Q31,
  /// renormalize 2^31, and flush exponents below −31 to zero.
  public init(_ real: Double) {
    if real == 0 || !real.isFinite {
      self.init(multiplier: 0, shift: 0)
      return
    }
    let exponent = real.exponent + 1                          // frexp: real = q · 2^exponent, q ∈ [0.5, 1)
    let q = real.significand / 2
    var qFixed = Int64((q * 2_147_483_648.0).rounded(.toNearestOrAwayFromZero))
    var e = Int32(exponent)
    if qFixed == 1 << 31 {
      qFixed /= 2
      e += 1
    }
    if e < -31 {
      e = 0
      qFixed = 0
    }
    self.init(multiplier: Int32(qFixed), shift: e)
  }

  /// x · real, rounded as TFLite's MultiplyByQuantizedMultiplier does.
  @inlinable @inline(__always)
  public func apply(_ x: Int32) -> Int32 {
    let left = shift > 0 ? shift : 0
    let right = shift > 0 ? 0 : -shift
    return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(x &<< left, multiplier), right)
  }
}

/// The high 32 bits of 2·a·b, rounded to nearest (ties away from zero); saturates the one
/// overflowing case a = b = Int32.min.
@inlinable @inline(__always)
public func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
  if a == b && a == Int32.min { return Int32.max }
  let ab = Int64(a) &* Int64(b)
  let nudge: Int64 = ab >= 0 ? (1 << 30) : (1 - (1 << 30))
  // Division truncating toward zero, as C++ does.
  return Int32(truncatingIfNeeded: (ab &+ nudge) / (1 << 31))
}

/// x / 2^exponent rounded to nearest, ties away from zero (exponent in 0...31).
@inlinable @inline(__always)
public func roundingDivideByPowerOfTwo(_ x: Int32, _ exponent: Int32) -> Int32 {
  let mask: Int32 = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) - 1)
  let remainder = x & mask
  let threshold = (mask >> 1) &+ (x < 0 ? 1 : 0)
  return (x >> exponent) &+ (remainder > threshold ? 1 : 0)
}
