// AVX2 requantization of 8 int32 accumulators of consecutive channels; Catalog+S8.swift decides
// whether it is used.
#if arch(x86_64)
import _Builtin_intrinsics.intel

/// S8Requantization.scale in eight lanes: the 64-bit products of even and odd lanes (`vpmuldq`),
/// + 2^30, logical shift by 31 (only the low 32 bits are kept, so it equals the arithmetic one),
/// then the rounding right shift, output offset, clamp and saturating packs (exact after the clamp).
public func s8Requantize8Avx2(_ acc: UnsafePointer<Int32>, _ multiplier: UnsafePointer<Int32>,
                              _ left: UnsafePointer<Int32>, _ right: UnsafePointer<Int32>,
                              _ params: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  func load(_ p: UnsafePointer<Int32>) -> __m256i {
    unsafeBitCast(UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self)
  }
  let x = _mm256_sllv_epi32(load(acc), load(left))
  let m = load(multiplier)
  let nudge = _mm256_set1_epi64x(1 << 30)
  let even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), nudge), 31)
  let odd = _mm256_srli_epi64(
    _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(m, 32)), nudge), 31)
  let h = _mm256_or_si256(_mm256_and_si256(even, _mm256_set1_epi64x(0xFFFF_FFFF)), _mm256_slli_epi64(odd, 32))
  let r = load(right)
  let one = _mm256_set1_epi32(1)
  let mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, r), one)
  let remainder = _mm256_and_si256(h, mask)
  let threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_srai_epi32(h, 31))
  var v = _mm256_sub_epi32(_mm256_srav_epi32(h, r), _mm256_cmpgt_epi32(remainder, threshold))
  v = _mm256_add_epi32(v, _mm256_set1_epi32(params[0]))
  v = _mm256_min_epi32(_mm256_max_epi32(v, _mm256_set1_epi32(params[1])), _mm256_set1_epi32(params[2]))
  let p16 = _mm256_packs_epi32(v, v)
  let p8 = _mm256_packs_epi16(p16, p16)
  let gathered = _mm256_permutevar8x32_epi32(p8, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0))
  UnsafeMutableRawPointer(out).storeBytes(of: _mm_cvtsi128_si64(_mm256_castsi256_si128(gathered)), as: Int64.self)
}
#endif
