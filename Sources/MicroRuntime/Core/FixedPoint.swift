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
    let exponent = real.exponent + 1                          // frexp: real = q · 2^exponent, |q| ∈ [0.5, 1)
    let q = real < 0 ? -real.significand / 2 : real.significand / 2   // significand is unsigned
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

// MARK: - gemmlowp-style fixed point (Q-format int32 values with a given number of integer bits)

/// x · 2^exponent for a fixed-point raw value: rounding right shift for negative exponents,
/// saturating left shift for positive ones (gemmlowp's SaturatingRoundingMultiplyByPOT).
@inlinable @inline(__always)
public func saturatingRoundingMultiplyByPOT(_ x: Int32, _ exponent: Int32) -> Int32 {
  if exponent <= 0 { return roundingDivideByPowerOfTwo(x, Swift.min(-exponent, 31)) }
  if exponent >= 31 { return x > 0 ? Int32.max : (x < 0 ? Int32.min : 0) }
  let threshold: Int32 = (1 << (31 - exponent)) - 1
  if x > threshold { return Int32.max }
  if x < -threshold { return Int32.min }
  return x << exponent
}

/// exp(a) for a ≤ 0, with `a` a fixed-point value with 5 integer bits (Q5.26) and the result in
/// Q0.31 (gemmlowp's exp_on_negative_values): a Taylor polynomial on [-1/4, 0) and a barrel
/// shifter of exact constants exp(-2^k) for the rest.
public func expOnNegativeValuesQ5(_ a: Int32) -> Int32 {
  let fractionalBits: Int32 = 26
  let oneQuarter: Int32 = 1 << (fractionalBits - 2)
  let aModQuarterMinusQuarter = (a & (oneQuarter - 1)) &- oneQuarter
  var result = expOnQuarterInterval(saturatingRoundingMultiplyByPOT(aModQuarterMinusQuarter, 5))
  let remainder = aModQuarterMinusQuarter &- a
  // exp(-2^k) in Q0.31 for k = -2 ... 4.
  let multipliers: (Int32, Int32, Int32, Int32, Int32, Int32, Int32) =
    (1_672_461_947, 1_302_514_674, 790_015_084, 290_630_308, 39_332_535, 720_401, 242)
  withUnsafeBytes(of: multipliers) { m in
    for k in 0..<7 {
      let bit = Int32(1) << (fractionalBits + Int32(k) - 2)
      if remainder & bit != 0 {
        result = saturatingRoundingDoublingHighMul(result, m.load(fromByteOffset: k * 4, as: Int32.self))
      }
    }
  }
  return a == 0 ? Int32.max : result
}

/// exp(a) for a in [-1/4, 0), Q0.31 in and out: a fourth-order Taylor expansion around -1/8.
@inlinable
public func expOnQuarterInterval(_ a: Int32) -> Int32 {
  let expMinusOneEighth: Int32 = 1_895_147_668
  let oneThird: Int32 = 715_827_883
  let x = a &+ (1 << 28)
  let x2 = saturatingRoundingDoublingHighMul(x, x)
  let x3 = saturatingRoundingDoublingHighMul(x2, x)
  let x4 = saturatingRoundingDoublingHighMul(x2, x2)
  let x4Over4 = roundingDivideByPowerOfTwo(x4, 2)
  let poly = roundingDivideByPowerOfTwo(
    saturatingRoundingDoublingHighMul(x4Over4 &+ x3, oneThird) &+ x2, 1)
  return expMinusOneEighth &+ saturatingRoundingDoublingHighMul(expMinusOneEighth, x &+ poly)
}

/// 1 / (1 + a) for a in [0, 1), Q0.31 in and out (gemmlowp's one_over_one_plus_x_for_x_in_0_1):
/// three Newton-Raphson steps in Q2.29 from the 48/17 − 32/17·d start.
public func oneOverOnePlusX(_ a: Int32) -> Int32 {
  // RoundingHalfSum(a, 1.0) with 1.0 represented as Int32.max.
  let sum = Int64(a) + Int64(Int32.max)
  let halfDenominator = Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
  let c48Over17: Int32 = 1_515_870_810
  let cMinus32Over17: Int32 = -1_010_580_540
  let oneQ2: Int32 = 1 << 29
  var x = c48Over17 &+ saturatingRoundingDoublingHighMul(halfDenominator, cMinus32Over17)
  for _ in 0..<3 {
    let halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x)
    let oneMinus = oneQ2 &- halfDenominatorTimesX
    x = x &+ saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(x, oneMinus), 2)
  }
  // x / 2 as Q1.30, rescaled to Q0.31.
  return saturatingRoundingMultiplyByPOT(x, 1)
}

/// The reciprocal of a positive fixed-point value `x` with `integerBits` integer bits, as a Q0.31
/// mantissa in (0.5, 1] and the number of bits it must still be shifted right
/// (1/x = mantissa · 2^-bitsOverUnit); TFLite's GetReciprocal.
public func reciprocal(_ x: Int32, integerBits: Int32) -> (mantissa: Int32, bitsOverUnit: Int32) {
  let headroomPlusOne = Int32(UInt32(bitPattern: x).leadingZeroBitCount)
  let bitsOverUnit = integerBits - headroomPlusOne
  let shifted = UInt32(bitPattern: x) &<< UInt32(truncatingIfNeeded: headroomPlusOne)
  let shiftedMinusOne = Int32(bitPattern: shifted &- (1 << 31))
  return (oneOverOnePlusX(shiftedMinusOne), bitsOverUnit)
}

/// Number of leading bits equal to the sign bit, not counting the sign bit itself
/// (TFLite's CountLeadingSignBits).
@inlinable
public func countLeadingSignBits(_ x: Int32) -> Int32 {
  if x == 0 { return 31 }
  let v = x < 0 ? ~x : x
  return Int32(v.leadingZeroBitCount) - 1
}

// MARK: - int16 fixed point (HARD_SWISH)

/// Int16 high half of 2·a·b, rounded to nearest (ties away from zero); saturates
/// a = b = Int16.min.
@inlinable @inline(__always)
public func saturatingRoundingDoublingHighMul16(_ a: Int16, _ b: Int16) -> Int16 {
  if a == b && a == Int16.min { return Int16.max }
  let ab = Int32(a) * Int32(b)
  let nudge: Int32 = ab >= 0 ? (1 << 14) : (1 - (1 << 14))
  return Int16(truncatingIfNeeded: (ab + nudge) / (1 << 15))
}

/// Int16 high half of 2·a·b, truncated toward zero (LiteRT's reference divides by 2^15; an
/// arithmetic shift, rounding toward −∞, differs by 1 for negative products — the
/// elem_hard_swish_narrow fixture tells them apart); saturates a = b = Int16.min.
@inlinable @inline(__always)
public func saturatingDoublingHighMul16(_ a: Int16, _ b: Int16) -> Int16 {
  if a == b && a == Int16.min { return Int16.max }
  return Int16(truncatingIfNeeded: (Int32(a) * Int32(b)) / (1 << 15))
}

/// Int16 x / 2^exponent rounded to nearest, ties away from zero (exponent ≥ 0).
@inlinable @inline(__always)
public func roundingDivideByPowerOfTwo16(_ x: Int16, _ exponent: Int32) -> Int16 {
  let mask = Int16(truncatingIfNeeded: (Int64(1) << Int64(Swift.min(exponent, 62))) - 1)
  let remainder = x & mask
  let threshold = (mask >> 1) &+ (x < 0 ? 1 : 0)
  return (x >> Int16(truncatingIfNeeded: Swift.min(exponent, 16))) &+ (remainder > threshold ? 1 : 0)
}

/// Int16 x · 2^amount, saturated to the int16 range (amount ≥ 0).
@inlinable @inline(__always)
public func saturatingLeftShift16(_ x: Int16, _ amount: Int32) -> Int16 {
  let r = Int64(x) << Int64(Swift.min(amount, 40))
  return Int16(Swift.max(Swift.min(r, Int64(Int16.max)), Int64(Int16.min)))
}

/// An int32 Q31 multiplier rounded to Q15, saturating (TFLite's DownScaleInt32ToInt16Multiplier).
@inlinable
public func downScaleMultiplierTo16(_ m: Int32) -> Int16 {
  let roundingOffset: Int32 = 1 << 15
  if m >= Int32.max - roundingOffset { return Int16.max }
  return Int16(truncatingIfNeeded: (m + roundingOffset) >> 16)
}
