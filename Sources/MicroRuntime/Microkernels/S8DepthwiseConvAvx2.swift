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
    // packs interleave 128-bit lanes (channels 0-3, 8-11, 0-3, 8-11 | 4-7, 12-15, ...); one dword
    // permute restores the channel order in the low 16 bytes.
    let p16 = _mm256_packs_epi32(S8RequantizeLanesAvx2(q, channel: c).apply(lo),
                                 S8RequantizeLanesAvx2(q, channel: c + 8).apply(hi))
    let bytes = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(p16, p16), _mm256_setr_epi32(0, 4, 1, 5, 0, 0, 0, 0))
    UnsafeMutableRawPointer(out + c).storeBytes(of: unsafeBitCast(_mm256_castsi256_si128(bytes), to: SIMD16<Int8>.self),
                                                as: SIMD16<Int8>.self)
    c += 16
  }
  let start = c
  while c < count {
    var sum = bias[c]
    for t in 0..<taps { sum &+= (Int32(x[t][c]) &+ offset) &* Int32(w[t][c]) }
    acc[c] = sum
    c += 1
  }
  if start < count { q.apply(acc + start, channel: start, count: count - start, into: out + start) }
}
#endif
