// AVX2 requantization of int32 accumulators of consecutive channels, shared by the AVX2 int8
// microkernels; Catalog+S8.swift decides whether they are used.
#if arch(x86_64)
import _Builtin_intrinsics.intel

/// S8Requantization.scale, output offset and clamp for 8 consecutive channels, in eight lanes: the
/// 64-bit products of even and odd lanes (`vpmuldq`), + 2^30, logical shift by 31 (only the low 32
/// bits are kept, so it equals the arithmetic one), then the branch-free rounding right shift.
@usableFromInline
struct S8RequantizeLanesAvx2 {
  var m: __m256i, mOdd: __m256i, l: __m256i, r: __m256i, mask: __m256i, halfMask: __m256i
  var nudge: __m256i, low32: __m256i, offset: __m256i, low: __m256i, high: __m256i

  /// The parameters of channels `channel` ..< `channel` + 8 (the parameter arrays have slack after
  /// the last channel, so the 8-lane loads stay in bounds).
  @inline(__always)
  init(_ q: S8Requantization, channel: Int) {
    func load(_ p: UnsafePointer<Int32>) -> __m256i {
      unsafeBitCast(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self)
    }
    m = load(q.multiplier + channel)
    mOdd = _mm256_srli_epi64(m, 32)
    l = load(q.left + channel)
    r = load(q.right + channel)
    let one = _mm256_set1_epi32(1)
    mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, r), one)
    halfMask = _mm256_srli_epi32(mask, 1)
    nudge = _mm256_set1_epi64x(1 << 30)
    low32 = _mm256_set1_epi64x(0xFFFF_FFFF)
    offset = _mm256_set1_epi32(q.outputOffset)
    low = _mm256_set1_epi32(q.low)
    high = _mm256_set1_epi32(q.high)
  }

  /// The requantized, offset and clamped values (in −128...127, so saturating packs are exact).
  @inline(__always)
  func apply(_ acc: __m256i) -> __m256i {
    let x = _mm256_sllv_epi32(acc, l)
    let even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), nudge), 31)
    let odd = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), mOdd), nudge), 31)
    let h = _mm256_or_si256(_mm256_and_si256(even, low32), _mm256_slli_epi64(odd, 32))
    let remainder = _mm256_and_si256(h, mask)
    let threshold = _mm256_sub_epi32(halfMask, _mm256_srai_epi32(h, 31))
    let v = _mm256_add_epi32(_mm256_sub_epi32(_mm256_srav_epi32(h, r), _mm256_cmpgt_epi32(remainder, threshold)), offset)
    return _mm256_min_epi32(_mm256_max_epi32(v, low), high)
  }
}

/// Requantizes 8 accumulators (S8Requantize8Microkernel).
public func s8Requantize8Avx2(_ acc: UnsafePointer<Int32>, _ multiplier: UnsafePointer<Int32>,
                              _ left: UnsafePointer<Int32>, _ right: UnsafePointer<Int32>,
                              _ params: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  let q = S8Requantization(multiplier: UnsafeMutablePointer(mutating: multiplier), left: UnsafeMutablePointer(mutating: left),
                           right: UnsafeMutablePointer(mutating: right), outputOffset: params[0], low: params[1],
                           high: params[2], params: UnsafeMutablePointer(mutating: params),
                           requantize8: s8Requantize8Scalar)
  let v = S8RequantizeLanesAvx2(q, channel: 0).apply(
    unsafeBitCast(UnsafeRawPointer(acc).loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self))
  let p16 = _mm256_packs_epi32(v, v)
  let p8 = _mm256_packs_epi16(p16, p16)
  let gathered = _mm256_permutevar8x32_epi32(p8, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0))
  UnsafeMutableRawPointer(out).storeBytes(of: _mm_cvtsi128_si64(_mm256_castsi256_si128(gathered)), as: Int64.self)
}
#endif
