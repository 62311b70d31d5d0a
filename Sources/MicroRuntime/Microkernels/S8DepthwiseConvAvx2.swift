// AVX2 int8 depthwise microkernels (x86_64 builds compiled with -mavx2); Catalog+S8.swift decides
// whether they are used.
#if arch(x86_64)
import _Builtin_intrinsics.intel

/// 16 channels per step with the accumulators in registers: per tap and 8 channels, `vpmovsxbd`
/// of input and filter, `vpaddd` of the offset, `vpmulld` and `vpaddd`; then the requantization in
/// registers and one 16-byte store. The remaining channels one at a time.
public func s8DepthwiseChannels16Avx2(_ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>,
                                      _ w: UnsafePointer<UnsafePointer<Int8>>, _ offset: Int32,
                                      _ bias: UnsafePointer<Int32>, _ requantization: UnsafeRawPointer,
                                      _ acc: UnsafeMutablePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  let q = requantization.load(as: S8Requantization.self)
  let o = _mm256_set1_epi32(offset)
  var c = 0
  while c + 16 <= count {
    let b = UnsafeRawPointer(bias + c)
    var lo = unsafeBitCast(b.loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self)
    var hi = unsafeBitCast(b.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self), to: __m256i.self)
    for t in 0..<taps {
      let xp = UnsafeRawPointer(x[t] + c), wp = UnsafeRawPointer(w[t] + c)
      let x0 = _mm256_cvtepi8_epi32(_mm_set_epi64x(0, xp.loadUnaligned(as: Int64.self)))
      let x1 = _mm256_cvtepi8_epi32(_mm_set_epi64x(0, xp.loadUnaligned(fromByteOffset: 8, as: Int64.self)))
      let w0 = _mm256_cvtepi8_epi32(_mm_set_epi64x(0, wp.loadUnaligned(as: Int64.self)))
      let w1 = _mm256_cvtepi8_epi32(_mm_set_epi64x(0, wp.loadUnaligned(fromByteOffset: 8, as: Int64.self)))
      lo = _mm256_add_epi32(lo, _mm256_mullo_epi32(_mm256_add_epi32(x0, o), w0))
      hi = _mm256_add_epi32(hi, _mm256_mullo_epi32(_mm256_add_epi32(x1, o), w1))
    }
    s8DepthwiseStore16Avx2(lo, hi, q, channel: c, out)
    c += 16
  }
  s8DepthwiseRemainder(from: c, count, taps, x, w, offset, bias, q, acc, out)
}

/// 16 channels per step, two taps per `vpmaddwd`: the int16 (x + offset) of taps t and t + 1 are
/// interleaved with `vpunpck{l,h}wd`, as are their filter values, so one multiply-add sums both
/// taps' products (an odd last tap is paired with zeros). The interleave works within 128-bit
/// lanes, so the two accumulators hold channels {0-3, 8-11} and {4-7, 12-15}; two permutes and two
/// blends restore the order before the bias, the requantization in registers and one 16-byte store.
public func s8DepthwiseChannels16Madd2Avx2(_ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>,
                                           _ w: UnsafePointer<UnsafePointer<Int8>>, _ offset: Int32,
                                           _ bias: UnsafePointer<Int32>, _ requantization: UnsafeRawPointer,
                                           _ acc: UnsafeMutablePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  let q = requantization.load(as: S8Requantization.self)
  let o = _mm256_set1_epi16(Int16(truncatingIfNeeded: offset))
  let zero = _mm256_setzero_si256()
  let upperHalf = _mm256_setr_epi32(0, 0, 0, 0, -1, -1, -1, -1)
  let lowToHigh = _mm256_setr_epi32(0, 0, 0, 0, 0, 1, 2, 3)
  let highToLow = _mm256_setr_epi32(4, 5, 6, 7, 0, 0, 0, 0)
  func widen(_ p: UnsafePointer<Int8>) -> __m256i {
    _mm256_cvtepi8_epi16(unsafeBitCast(UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self), to: __m128i.self))
  }
  var c = 0
  while c + 16 <= count {
    var a = zero, h = zero   // channels {0-3, 8-11} and {4-7, 12-15}
    var t = 0
    while t + 2 <= taps {
      let x0 = _mm256_add_epi16(widen(x[t] + c), o), x1 = _mm256_add_epi16(widen(x[t + 1] + c), o)
      let w0 = widen(w[t] + c), w1 = widen(w[t + 1] + c)
      a = _mm256_add_epi32(a, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, x1), _mm256_unpacklo_epi16(w0, w1)))
      h = _mm256_add_epi32(h, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, x1), _mm256_unpackhi_epi16(w0, w1)))
      t += 2
    }
    if t < taps {
      let x0 = _mm256_add_epi16(widen(x[t] + c), o), w0 = widen(w[t] + c)
      a = _mm256_add_epi32(a, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, zero), _mm256_unpacklo_epi16(w0, zero)))
      h = _mm256_add_epi32(h, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, zero), _mm256_unpackhi_epi16(w0, zero)))
    }
    let b = UnsafeRawPointer(bias + c)
    let lo = _mm256_add_epi32(_mm256_blendv_epi8(a, _mm256_permutevar8x32_epi32(h, lowToHigh), upperHalf),
                              unsafeBitCast(b.loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self))
    let hi = _mm256_add_epi32(_mm256_blendv_epi8(_mm256_permutevar8x32_epi32(a, highToLow), h, upperHalf),
                              unsafeBitCast(b.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self), to: __m256i.self))
    s8DepthwiseStore16Avx2(lo, hi, q, channel: c, out)
    c += 16
  }
  s8DepthwiseRemainder(from: c, count, taps, x, w, offset, bias, q, acc, out)
}
/// Requantizes the accumulators of channels c ..< c + 16 (`lo` 0-7, `hi` 8-15) and stores their 16
/// bytes at out + c. The packs interleave 128-bit lanes (channels 0-3, 8-11, 0-3, 8-11 | 4-7, 12-15,
/// ...); one dword permute restores the channel order in the low 16 bytes.
@inline(__always)
func s8DepthwiseStore16Avx2(_ lo: __m256i, _ hi: __m256i, _ q: S8Requantization, channel c: Int,
                            _ out: UnsafeMutablePointer<Int8>) {
  let p16 = _mm256_packs_epi32(S8RequantizeLanesAvx2(q, channel: c).apply(lo),
                               S8RequantizeLanesAvx2(q, channel: c + 8).apply(hi))
  let bytes = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(p16, p16), _mm256_setr_epi32(0, 4, 1, 5, 0, 0, 0, 0))
  UnsafeMutableRawPointer(out + c).storeBytes(of: unsafeBitCast(_mm256_castsi256_si128(bytes), to: SIMD16<Int8>.self),
                                              as: SIMD16<Int8>.self)
}
#endif
