// AVX2 int8 GEMM microkernels (x86_64 builds compiled with -mavx2). The catalog (Catalog+S8.swift)
// is the only place that decides whether they are used; this file only makes them exist.
#if arch(x86_64)
import _Builtin_intrinsics.intel

/// 4 rows × 8 channels, c2 packing: per k pair, one 16-byte weight load widened to int16
/// (`vpmovsxbw`), one 32-bit broadcast of each row's pair, and `vpmaddwd` + `vpaddd` per row; then
/// the requantization in registers (the steps of s8Requantize8Avx2, with the channel parameters
/// loaded once for the four rows), saturating packs of the four rows and 8-byte stores.
public func s8GemmTile4x8Avx2(
  _ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>, _ bias: UnsafePointer<Int32>,
  _ requantization: UnsafeRawPointer, _ channel: Int, _ rows: Int, _ columns: Int,
  _ out: UnsafeMutablePointer<Int8>, _ outStride: Int
) {
  let b = unsafeBitCast(UnsafeRawPointer(bias).loadUnaligned(as: SIMD8<Int32>.self), to: __m256i.self)
  var c0 = b, c1 = b, c2 = b, c3 = b
  var wp = UnsafeRawPointer(w)
  var a0 = UnsafeRawPointer(a), a1 = UnsafeRawPointer(a + aStride)
  var a2 = UnsafeRawPointer(a + 2 * aStride), a3 = UnsafeRawPointer(a + 3 * aStride)
  if rows == 1 {
    // One row (FULLY_CONNECTED with batch 1, the last row of a GEMM): skip the other three rows'
    // multiply-adds.
    for _ in 0..<kPairs {
      let wv = _mm256_cvtepi8_epi16(unsafeBitCast(wp.loadUnaligned(as: SIMD16<Int8>.self), to: __m128i.self))
      c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(_mm256_set1_epi32(a0.loadUnaligned(as: Int32.self)), wv))
      wp += 16
      a0 += 4
    }
  } else {
    for _ in 0..<kPairs {
      let wv = _mm256_cvtepi8_epi16(unsafeBitCast(wp.loadUnaligned(as: SIMD16<Int8>.self), to: __m128i.self))
      c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(_mm256_set1_epi32(a0.loadUnaligned(as: Int32.self)), wv))
      c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(_mm256_set1_epi32(a1.loadUnaligned(as: Int32.self)), wv))
      c2 = _mm256_add_epi32(c2, _mm256_madd_epi16(_mm256_set1_epi32(a2.loadUnaligned(as: Int32.self)), wv))
      c3 = _mm256_add_epi32(c3, _mm256_madd_epi16(_mm256_set1_epi32(a3.loadUnaligned(as: Int32.self)), wv))
      wp += 16
      a0 += 4; a1 += 4; a2 += 4; a3 += 4
    }
  }
  let q = requantization.load(as: S8Requantization.self)
  if q.singleRounding {
    var tile = S8TileAccumulators()
    tile.with { acc in
      let raw = UnsafeMutableRawPointer(acc)
      raw.storeBytes(of: unsafeBitCast(c0, to: SIMD8<Int32>.self), toByteOffset: 0, as: SIMD8<Int32>.self)
      raw.storeBytes(of: unsafeBitCast(c1, to: SIMD8<Int32>.self), toByteOffset: 32, as: SIMD8<Int32>.self)
      raw.storeBytes(of: unsafeBitCast(c2, to: SIMD8<Int32>.self), toByteOffset: 64, as: SIMD8<Int32>.self)
      raw.storeBytes(of: unsafeBitCast(c3, to: SIMD8<Int32>.self), toByteOffset: 96, as: SIMD8<Int32>.self)
      s8StoreTile(acc, q, channel: channel, rows: rows, columns: columns, out: out, outStride: outStride)
    }
    return
  }
  let lanes = S8RequantizeLanesAvx2(q, channel: channel)
  func requantize(_ acc: __m256i) -> __m256i { lanes.apply(acc) }
  // packs interleave 128-bit lanes: bytes come out as rows 0-3 of channels 0-3, then of channels
  // 4-7; one dword permute puts each row's 8 bytes together.
  let p01 = _mm256_packs_epi32(requantize(c0), requantize(c1))
  let p23 = _mm256_packs_epi32(requantize(c2), requantize(c3))
  let bytes = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(p01, p23), _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7))
  let rowsOut = bytes  // __m256i is SIMD4<Int64>: one row per element
  if columns == 8 {
    for i in 0..<rows { UnsafeMutableRawPointer(out + i * outStride).storeBytes(of: rowsOut[i], as: Int64.self) }
  } else {
    for i in 0..<rows {
      let row = rowsOut[i]
      for j in 0..<columns { out[i * outStride + j] = Int8(truncatingIfNeeded: row &>> Int64(8 * j)) }
    }
  }
}
#endif
