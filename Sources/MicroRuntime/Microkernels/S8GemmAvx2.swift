// AVX2 int8 GEMM microkernels (x86_64 builds compiled with -mavx2). The catalog (Catalog+S8.swift)
// is the only place that decides whether they are used; this file only makes them exist.
#if arch(x86_64)
import _Builtin_intrinsics.intel

/// 4 rows × 8 channels, c2 packing: per k pair, one 16-byte weight load widened to int16
/// (`vpmovsxbw`), one 32-bit broadcast of each row's pair, and `vpmaddwd` + `vpaddd` per row.
public func s8GemmTile4x8Avx2(_ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>,
                              _ bias: UnsafePointer<Int32>, _ acc: UnsafeMutablePointer<Int32>) {
  let b = unsafeBitCast(UnsafeRawPointer(bias).loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self)
  var c0 = b, c1 = b, c2 = b, c3 = b
  var wp = UnsafeRawPointer(w)
  var a0 = UnsafeRawPointer(a), a1 = UnsafeRawPointer(a + aStride)
  var a2 = UnsafeRawPointer(a + 2 * aStride), a3 = UnsafeRawPointer(a + 3 * aStride)
  for _ in 0..<kPairs {
    let wv = _mm256_cvtepi8_epi16(unsafeBitCast(wp.loadUnaligned(as: SIMD16<Int8>.self), to: __m128i.self))
    c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(_mm256_set1_epi32(a0.loadUnaligned(as: Int32.self)), wv))
    c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(_mm256_set1_epi32(a1.loadUnaligned(as: Int32.self)), wv))
    c2 = _mm256_add_epi32(c2, _mm256_madd_epi16(_mm256_set1_epi32(a2.loadUnaligned(as: Int32.self)), wv))
    c3 = _mm256_add_epi32(c3, _mm256_madd_epi16(_mm256_set1_epi32(a3.loadUnaligned(as: Int32.self)), wv))
    wp += 16
    a0 += 4; a1 += 4; a2 += 4; a3 += 4
  }
  let out = UnsafeMutableRawPointer(acc)
  out.storeBytes(of: unsafeBitCast(c0, to: SIMD8<Int32>.self), toByteOffset: 0, as: SIMD8<Int32>.self)
  out.storeBytes(of: unsafeBitCast(c1, to: SIMD8<Int32>.self), toByteOffset: 32, as: SIMD8<Int32>.self)
  out.storeBytes(of: unsafeBitCast(c2, to: SIMD8<Int32>.self), toByteOffset: 64, as: SIMD8<Int32>.self)
  out.storeBytes(of: unsafeBitCast(c3, to: SIMD8<Int32>.self), toByteOffset: 96, as: SIMD8<Int32>.self)
}
#endif
