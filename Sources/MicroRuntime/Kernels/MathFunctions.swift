// Float transcendental functions for the float kernels. LiteRT's kernels call the C library's
// expf / tanhf (std::exp, std::tanh on float); MicroRuntime calls the same functions so results
// agree bit for bit on the same libm. libm is linked on every target (host and static cross builds).

@_silgen_name("expf") @usableFromInline func c_expf(_ x: Float) -> Float
@_silgen_name("tanhf") @usableFromInline func c_tanhf(_ x: Float) -> Float

/// The float math MicroRuntime's kernels use.
public enum MicroMath {
  /// e^x (the C library's expf).
  @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { c_expf(x) }
  /// tanh(x) (the C library's tanhf).
  @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { c_tanhf(x) }
  /// 1 / (1 + e^-x), as LiteRT's float kernels and int8 lookup tables compute it.
  @inlinable @inline(__always) public static func logistic(_ x: Float) -> Float { 1 / (1 + c_expf(-x)) }

  /// Round half away from zero, then convert to Int32 saturating at ±2_147_483_520 (the largest
  /// float below 2^31; NaN gives 0): a quantization step that never traps on hostile values, and
  /// whose result can still take an int8 zero point without wrapping.
  @inlinable @inline(__always) public static func roundToInt32(_ x: Float) -> Int32 {
    let r = x.rounded(.toNearestOrAwayFromZero)
    if r.isNaN { return 0 }
    if r >= 2_147_483_520 { return 2_147_483_520 }
    if r <= -2_147_483_520 { return -2_147_483_520 }
    return Int32(r)
  }
}
