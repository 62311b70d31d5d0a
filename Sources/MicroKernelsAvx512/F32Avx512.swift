// Float GEMM tiles on AVX-512 (same packing as MicroRuntime's F32Gemm: per block of 16 output
// channels, 16 biases then k rows of 16 weights — one zmm per k): 6 × 32 for matrix products,
// 12 × 16 for convolutions through an indirection buffer, and the depthwise convolution.

import _Builtin_intrinsics.intel

/// Float microkernels on AVX-512.
public enum F32Avx512 {
  /// Rows (pixels) per indirect tile.
  public static var igemmRows: Int { 12 }

  /// 6 rows × 32 columns (two packed blocks of 16 at once: twelve accumulators, per k two weight
  /// loads and six broadcasts), then a last block of 16 with six accumulators. Rows beyond mr
  /// alias the last real row.
  public static func gemmTile6x32(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                  _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                  _ low: Float, _ high: Float) {
    let a0 = a
    let a1 = mr > 1 ? a0 + aStride : a0
    let a2 = mr > 2 ? a1 + aStride : a1
    let a3 = mr > 3 ? a2 + aStride : a2
    let a4 = mr > 4 ? a3 + aStride : a3
    let a5 = mr > 5 ? a4 + aStride : a4
    func row(_ r: Int) -> UnsafeMutablePointer<Float> { c + Swift.min(r, mr - 1) * cStride }
    let block = 16 * (kc + 1)
    var wp = w
    var n0 = 0
    while n0 + 16 < nc {
      // Columns n0 ..< n0 + 16 from this block, n0 + 16 ..< n0 + 32 from the next.
      let k16 = nc - n0 >= 32 ? __mmask16(0xFFFF) : __mmask16(truncatingIfNeeded: (1 << (nc - n0 - 16)) - 1)
      let w1 = wp + block
      var x00 = _mm512_loadu_ps(wp), x01 = _mm512_loadu_ps(w1)
      var x10 = x00, x11 = x01, x20 = x00, x21 = x01, x30 = x00, x31 = x01
      var x40 = x00, x41 = x01, x50 = x00, x51 = x01
      var p0 = wp + 16, p1 = w1 + 16
      var k = 0
      while k < kc {
        let b0 = _mm512_loadu_ps(p0), b1 = _mm512_loadu_ps(p1)
        var v = _mm512_set1_ps(a0[k])
        x00 = _mm512_fmadd_ps(v, b0, x00); x01 = _mm512_fmadd_ps(v, b1, x01)
        v = _mm512_set1_ps(a1[k])
        x10 = _mm512_fmadd_ps(v, b0, x10); x11 = _mm512_fmadd_ps(v, b1, x11)
        v = _mm512_set1_ps(a2[k])
        x20 = _mm512_fmadd_ps(v, b0, x20); x21 = _mm512_fmadd_ps(v, b1, x21)
        v = _mm512_set1_ps(a3[k])
        x30 = _mm512_fmadd_ps(v, b0, x30); x31 = _mm512_fmadd_ps(v, b1, x31)
        v = _mm512_set1_ps(a4[k])
        x40 = _mm512_fmadd_ps(v, b0, x40); x41 = _mm512_fmadd_ps(v, b1, x41)
        v = _mm512_set1_ps(a5[k])
        x50 = _mm512_fmadd_ps(v, b0, x50); x51 = _mm512_fmadd_ps(v, b1, x51)
        p0 += 16; p1 += 16
        k &+= 1
      }
      store(x00, row(0) + n0, 0xFFFF, low, high); store(x01, row(0) + n0 + 16, k16, low, high)
      store(x10, row(1) + n0, 0xFFFF, low, high); store(x11, row(1) + n0 + 16, k16, low, high)
      store(x20, row(2) + n0, 0xFFFF, low, high); store(x21, row(2) + n0 + 16, k16, low, high)
      store(x30, row(3) + n0, 0xFFFF, low, high); store(x31, row(3) + n0 + 16, k16, low, high)
      store(x40, row(4) + n0, 0xFFFF, low, high); store(x41, row(4) + n0 + 16, k16, low, high)
      store(x50, row(5) + n0, 0xFFFF, low, high); store(x51, row(5) + n0 + 16, k16, low, high)
      wp += 2 * block
      n0 += 32
    }
    if n0 < nc {
      let k16 = nc - n0 >= 16 ? __mmask16(0xFFFF) : __mmask16(truncatingIfNeeded: (1 << (nc - n0)) - 1)
      var x0 = _mm512_loadu_ps(wp)
      var x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0
      var p = wp + 16
      var k = 0
      while k < kc {
        let b = _mm512_loadu_ps(p)
        x0 = _mm512_fmadd_ps(_mm512_set1_ps(a0[k]), b, x0)
        x1 = _mm512_fmadd_ps(_mm512_set1_ps(a1[k]), b, x1)
        x2 = _mm512_fmadd_ps(_mm512_set1_ps(a2[k]), b, x2)
        x3 = _mm512_fmadd_ps(_mm512_set1_ps(a3[k]), b, x3)
        x4 = _mm512_fmadd_ps(_mm512_set1_ps(a4[k]), b, x4)
        x5 = _mm512_fmadd_ps(_mm512_set1_ps(a5[k]), b, x5)
        p += 16
        k &+= 1
      }
      store(x0, row(0) + n0, k16, low, high); store(x1, row(1) + n0, k16, low, high)
      store(x2, row(2) + n0, k16, low, high); store(x3, row(3) + n0, k16, low, high)
      store(x4, row(4) + n0, k16, low, high); store(x5, row(5) + n0, k16, low, high)
    }
  }

  /// C[mr × nc] = clamp(bias + Σ_t Σ_c A_t[c] · W) for `mr` (1...12) output pixels: row r's tap t
  /// reads `channels` values at ind[r · taps + t] (mr · taps pointers, pixel-major; rows beyond mr
  /// alias the last real row). Twelve accumulators, per k one weight load and twelve broadcast FMAs.
  public static func igemmTile12x16(_ mr: Int, _ nc: Int, _ taps: Int, _ channels: Int,
                                    _ ind: UnsafePointer<UnsafePointer<Float>>, _ w: UnsafePointer<Float>,
                                    _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ low: Float, _ high: Float) {
    var rowsI = (ind, ind, ind, ind, ind, ind, ind, ind, ind, ind, ind, ind)
    var rowsC = (c, c, c, c, c, c, c, c, c, c, c, c)
    withUnsafeMutableBytes(of: &rowsI) { p in
      let r = p.bindMemory(to: UnsafePointer<UnsafePointer<Float>>.self)
      for i in 1..<12 { r[i] = i < mr ? r[i - 1] + taps : r[i - 1] }
    }
    withUnsafeMutableBytes(of: &rowsC) { p in
      let r = p.bindMemory(to: UnsafeMutablePointer<Float>.self)
      for i in 1..<12 { r[i] = i < mr ? r[i - 1] + cStride : r[i - 1] }
    }
    let (i0, i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11) = rowsI
    var wp = w
    var n0 = 0
    while n0 < nc {
      let k16 = nc - n0 >= 16 ? __mmask16(0xFFFF) : __mmask16(truncatingIfNeeded: (1 << (nc - n0)) - 1)
      let bias = _mm512_loadu_ps(wp)
      wp += 16
      var x0 = bias, x1 = bias, x2 = bias, x3 = bias, x4 = bias, x5 = bias
      var x6 = bias, x7 = bias, x8 = bias, x9 = bias, x10 = bias, x11 = bias
      for t in 0..<taps {
        let a0 = i0[t], a1 = i1[t], a2 = i2[t], a3 = i3[t], a4 = i4[t], a5 = i5[t]
        let a6 = i6[t], a7 = i7[t], a8 = i8[t], a9 = i9[t], a10 = i10[t], a11 = i11[t]
        var k = 0
        while k < channels {
          let b = _mm512_loadu_ps(wp)
          x0 = _mm512_fmadd_ps(_mm512_set1_ps(a0[k]), b, x0)
          x1 = _mm512_fmadd_ps(_mm512_set1_ps(a1[k]), b, x1)
          x2 = _mm512_fmadd_ps(_mm512_set1_ps(a2[k]), b, x2)
          x3 = _mm512_fmadd_ps(_mm512_set1_ps(a3[k]), b, x3)
          x4 = _mm512_fmadd_ps(_mm512_set1_ps(a4[k]), b, x4)
          x5 = _mm512_fmadd_ps(_mm512_set1_ps(a5[k]), b, x5)
          x6 = _mm512_fmadd_ps(_mm512_set1_ps(a6[k]), b, x6)
          x7 = _mm512_fmadd_ps(_mm512_set1_ps(a7[k]), b, x7)
          x8 = _mm512_fmadd_ps(_mm512_set1_ps(a8[k]), b, x8)
          x9 = _mm512_fmadd_ps(_mm512_set1_ps(a9[k]), b, x9)
          x10 = _mm512_fmadd_ps(_mm512_set1_ps(a10[k]), b, x10)
          x11 = _mm512_fmadd_ps(_mm512_set1_ps(a11[k]), b, x11)
          wp += 16
          k &+= 1
        }
      }
      let (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) = rowsC
      store(x0, c0 + n0, k16, low, high); store(x1, c1 + n0, k16, low, high)
      store(x2, c2 + n0, k16, low, high); store(x3, c3 + n0, k16, low, high)
      store(x4, c4 + n0, k16, low, high); store(x5, c5 + n0, k16, low, high)
      store(x6, c6 + n0, k16, low, high); store(x7, c7 + n0, k16, low, high)
      store(x8, c8 + n0, k16, low, high); store(x9, c9 + n0, k16, low, high)
      store(x10, c10 + n0, k16, low, high); store(x11, c11 + n0, k16, low, high)
      n0 += 16
    }
  }

  /// Depthwise convolution (depth multiplier 1) of `width` output pixels: out[c] = clamp(bias[c] +
  /// Σ_t input[pixel · taps + t][c] · weights[t · channels + c]); 32 channels per step, then 16 with
  /// a mask for the last ones.
  public static func depthwise(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                               _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                               _ output: UnsafeMutablePointer<Float>, _ low: Float, _ high: Float) {
    depthwiseBody(channels, width, taps, input, weights, bias, output, low, high)
  }

  /// `depthwise` for nine taps (3×3), the loop over taps unrolled.
  public static func depthwise9(_ channels: Int, _ width: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                                _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                                _ output: UnsafeMutablePointer<Float>, _ low: Float, _ high: Float) {
    depthwiseBody(channels, width, 9, input, weights, bias, output, low, high)
  }

  @inline(__always)
  static func depthwiseBody(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                            _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                            _ output: UnsafeMutablePointer<Float>, _ low: Float, _ high: Float) {
    var rows = input
    var out = output
    for _ in 0..<width {
      var c = 0
      while c + 32 <= channels {
        var x0 = _mm512_loadu_ps(bias + c), x1 = _mm512_loadu_ps(bias + c + 16)
        var w = weights + c
        for t in 0..<taps {
          let p = rows[t] + c
          x0 = _mm512_fmadd_ps(_mm512_loadu_ps(p), _mm512_loadu_ps(w), x0)
          x1 = _mm512_fmadd_ps(_mm512_loadu_ps(p + 16), _mm512_loadu_ps(w + 16), x1)
          w += channels
        }
        store(x0, out + c, 0xFFFF, low, high)
        store(x1, out + c + 16, 0xFFFF, low, high)
        c &+= 32
      }
      while c < channels {
        let k = channels - c >= 16 ? __mmask16(0xFFFF) : __mmask16(truncatingIfNeeded: (1 << (channels - c)) - 1)
        var x = _mm512_maskz_loadu_ps(k, bias + c)
        var w = weights + c
        for t in 0..<taps {
          x = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(k, rows[t] + c), _mm512_maskz_loadu_ps(k, w), x)
          w += channels
        }
        store(x, out + c, k, low, high)
        c &+= 16
      }
      rows += taps
      out += channels
    }
  }

  /// Clamps (max then min; a NaN in `x` passes through, as the AVX2 tiles do) and stores the
  /// lanes of `mask`.
  @inline(__always)
  static func store(_ x: __m512, _ c: UnsafeMutablePointer<Float>, _ mask: __mmask16, _ low: Float, _ high: Float) {
    // vmaxps/vminps return the second operand when either is NaN.
    let y = _mm512_min_ps(_mm512_set1_ps(high), _mm512_max_ps(_mm512_set1_ps(low), x))
    _mm512_mask_storeu_ps(c, mask, y)
  }
}
