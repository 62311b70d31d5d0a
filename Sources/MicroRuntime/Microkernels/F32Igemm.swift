// Float indirect GEMM (convolution without im2col): the rows of A are not copied but found through
// an indirection buffer of input pointers, one per filter tap of each output pixel (a row of zeros
// for taps in the padding), built once per input address in persistent memory.

/// A float indirect-GEMM microkernel: C[mr × nc] = clamp(bias + Σ_t Σ_c A_t[c] · W[t · channels + c])
/// with W packed by `F32Gemm.pack` (k = taps · channels). Arguments: mr (1...variant.mr), nc, taps,
/// channels, indirection (mr · taps pointers, pixel-major), packed W, C, C's row stride, clamp.
public typealias F32IgemmFunction = (Int, Int, Int, Int, UnsafePointer<UnsafePointer<Float>>, UnsafePointer<Float>,
                                     UnsafeMutablePointer<Float>, Int, FloatClamp) -> Void

/// One float indirect-GEMM variant.
public struct F32IgemmVariant {
  /// dtype, op, ISA and tile, e.g. `f32IgemmTile6x16Avx2`.
  public var name: StaticString
  /// Rows (output pixels) per call.
  public var mr: Int
  /// The microkernel.
  public var run: F32IgemmFunction
}

/// Float convolution by indirect GEMM.
public enum F32Igemm {
  /// 6 pixels × 16 output channels.
  @inlinable @inline(__always)
  static func tile6x16<V: F32Vector8>(
    _: V.Type, _ mr: Int, _ nc: Int, _ taps: Int, _ channels: Int, _ ind: UnsafePointer<UnsafePointer<Float>>,
    _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp
  ) {
    // Pixels beyond mr alias the last real one.
    let i0 = ind
    let i1 = mr > 1 ? i0 + taps : i0
    let i2 = mr > 2 ? i1 + taps : i1
    let i3 = mr > 3 ? i2 + taps : i2
    let i4 = mr > 4 ? i3 + taps : i3
    let i5 = mr > 5 ? i4 + taps : i4
    let c0 = c
    let c1 = mr > 1 ? c0 + cStride : c0
    let c2 = mr > 2 ? c1 + cStride : c1
    let c3 = mr > 3 ? c2 + cStride : c2
    let c4 = mr > 4 ? c3 + cStride : c3
    let c5 = mr > 5 ? c4 + cStride : c4
    let low = SIMD8<Float>(repeating: clamp.low), high = SIMD8<Float>(repeating: clamp.high)
    var wp = w
    var n0 = 0
    while n0 < nc {
      var x00 = V.load(wp), x01 = V.load(wp + 8)
      var x10 = x00, x11 = x01, x20 = x00, x21 = x01, x30 = x00, x31 = x01
      var x40 = x00, x41 = x01, x50 = x00, x51 = x01
      wp += 16
      for t in 0..<taps {
        let a0 = i0[t], a1 = i1[t], a2 = i2[t], a3 = i3[t], a4 = i4[t], a5 = i5[t]
        var k = 0
        while k < channels {
          let b0 = V.load(wp), b1 = V.load(wp + 8)
          var v = SIMD8<Float>(repeating: a0[k])
          x00 = V.fma(x00, v, b0); x01 = V.fma(x01, v, b1)
          v = SIMD8<Float>(repeating: a1[k])
          x10 = V.fma(x10, v, b0); x11 = V.fma(x11, v, b1)
          v = SIMD8<Float>(repeating: a2[k])
          x20 = V.fma(x20, v, b0); x21 = V.fma(x21, v, b1)
          v = SIMD8<Float>(repeating: a3[k])
          x30 = V.fma(x30, v, b0); x31 = V.fma(x31, v, b1)
          v = SIMD8<Float>(repeating: a4[k])
          x40 = V.fma(x40, v, b0); x41 = V.fma(x41, v, b1)
          v = SIMD8<Float>(repeating: a5[k])
          x50 = V.fma(x50, v, b0); x51 = V.fma(x51, v, b1)
          wp += 16
          k &+= 1
        }
      }
      F32Gemm.storeRow(V.self, x00, x01, c0 + n0, nc - n0, low, high)
      F32Gemm.storeRow(V.self, x10, x11, c1 + n0, nc - n0, low, high)
      F32Gemm.storeRow(V.self, x20, x21, c2 + n0, nc - n0, low, high)
      F32Gemm.storeRow(V.self, x30, x31, c3 + n0, nc - n0, low, high)
      F32Gemm.storeRow(V.self, x40, x41, c4 + n0, nc - n0, low, high)
      F32Gemm.storeRow(V.self, x50, x51, c5 + n0, nc - n0, low, high)
      n0 += 16
    }
  }

  /// The scalar indirect GEMM: one pixel, one output channel at a time.
  public static func tile1x16Scalar(_ mr: Int, _ nc: Int, _ taps: Int, _ channels: Int,
                                    _ ind: UnsafePointer<UnsafePointer<Float>>, _ w: UnsafePointer<Float>,
                                    _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp) {
    let k = taps * channels
    for r in 0..<mr {
      var block = w
      var n0 = 0
      while n0 < nc {
        for j in 0..<Swift.min(16, nc - n0) {
          var acc = block[j]
          for t in 0..<taps {
            let a = ind[r * taps + t]
            for ch in 0..<channels { acc += a[ch] * block[16 + (t * channels + ch) * 16 + j] }
          }
          c[r * cStride + n0 + j] = clamp.apply(acc)
        }
        block += 16 * (k + 1)
        n0 += 16
      }
    }
  }

  /// 6×16 tile, portable SIMD.
  public static func tile6x16Simd(_ mr: Int, _ nc: Int, _ taps: Int, _ channels: Int,
                                  _ ind: UnsafePointer<UnsafePointer<Float>>, _ w: UnsafePointer<Float>,
                                  _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp) {
    tile6x16(SimdF32x8.self, mr, nc, taps, channels, ind, w, c, cStride, clamp)
  }

  /// A whole convolution (no groups): indirection rows (the same layout as the depthwise ones, over
  /// `channels` = input channels) rebuilt only when the input's address changed, then tiles of
  /// `kernel.mr` pixels over every output channel.
  public static func run(_ kernel: F32IgemmVariant, input: UnsafePointer<Float>, geometry g: WindowGeometry,
                         inputChannels: Int, outputChannels: Int, packed: UnsafePointer<Float>,
                         output: UnsafeMutablePointer<Float>, clamp: FloatClamp, indirection: F32Indirection) {
    let taps = g.filterHeight * g.filterWidth
    F32Depthwise.buildIndirection(input: input, geometry: g, channels: inputChannels, indirection: indirection)
    let pixels = g.batches * g.outputHeight * g.outputWidth
    let k = taps * inputChannels
    // Column blocks sized so their packed weights stay in the L2 cache.
    let blockFloats = 16 * (k + 1)
    let columnBlock = Swift.max(16, (256 * 1024 / 4) / blockFloats * 16)
    var n0 = 0
    while n0 < outputChannels {
      let nc = Swift.min(columnBlock, outputChannels - n0)
      var p0 = 0
      while p0 < pixels {
        let mr = Swift.min(kernel.mr, pixels - p0)
        kernel.run(mr, nc, taps, inputChannels, indirection.rows + p0 * taps, packed + n0 / 16 * blockFloats,
                   output + p0 * outputChannels + n0, outputChannels, clamp)
        p0 += mr
      }
      n0 += nc
    }
  }
}
