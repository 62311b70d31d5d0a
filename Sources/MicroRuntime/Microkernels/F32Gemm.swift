// Float GEMM microkernels and their drivers: weight packing (once, in prepare), the register-blocked
// tiles (written once, generic over the eight-lane vector of Platform.swift), and the loops that
// run a whole matrix product or convolution out of tiles.

/// Float matrix products on packed weights.
public enum F32Gemm {
  /// Output channels per packed block (the tiles' width).
  public static var nr: Int { 16 }

  /// Floats `pack` writes for `n` output channels of `k` inputs.
  public static func packedCount(n: Int, k: Int) -> Int { (n + 15) / 16 * 16 * (k + 1) }

  /// Packs row-major weights [n][k] (TFLite's filter and FULLY_CONNECTED layout) and an optional bias
  /// into blocks of 16 output channels: 16 biases, then k rows of 16 weights; missing channels are 0.
  public static func pack(weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, n: Int, k: Int,
                          into packed: UnsafeMutablePointer<Float>) {
    var p = packed
    var n0 = 0
    while n0 < n {
      for j in 0..<16 { p[j] = n0 + j < n ? (bias?[n0 + j] ?? 0) : 0 }
      p += 16
      for kk in 0..<k {
        for j in 0..<16 { p[j] = n0 + j < n ? weights[(n0 + j) * k + kk] : 0 }
        p += 16
      }
      n0 += 16
    }
  }

  // MARK: Tiles

  /// 6 rows × 16 columns: twelve accumulators, one broadcast and two weight vectors.
  @inlinable @inline(__always)
  static func tile6x16<V: F32Vector8>(
    _: V.Type, _ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
    _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp
  ) {
    // Rows beyond mr alias the last real row: they compute and store the same values.
    let a0 = a
    let a1 = mr > 1 ? a0 + aStride : a0
    let a2 = mr > 2 ? a1 + aStride : a1
    let a3 = mr > 3 ? a2 + aStride : a2
    let a4 = mr > 4 ? a3 + aStride : a3
    let a5 = mr > 5 ? a4 + aStride : a4
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
      var k = 0
      while k < kc {
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
      storeRow(V.self, x00, x01, c0 + n0, nc - n0, low, high)
      storeRow(V.self, x10, x11, c1 + n0, nc - n0, low, high)
      storeRow(V.self, x20, x21, c2 + n0, nc - n0, low, high)
      storeRow(V.self, x30, x31, c3 + n0, nc - n0, low, high)
      storeRow(V.self, x40, x41, c4 + n0, nc - n0, low, high)
      storeRow(V.self, x50, x51, c5 + n0, nc - n0, low, high)
      n0 += 16
    }
  }

  /// 1 row × 16 columns, k unrolled by four with eight accumulators (matrix-vector products).
  @inlinable @inline(__always)
  static func tile1x16<V: F32Vector8>(
    _: V.Type, _ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
    _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp
  ) {
    let low = SIMD8<Float>(repeating: clamp.low), high = SIMD8<Float>(repeating: clamp.high)
    var wp = w
    var n0 = 0
    while n0 < nc {
      var p0 = V.load(wp), p1 = V.load(wp + 8)
      var q0 = SIMD8<Float>(), q1 = SIMD8<Float>(), r0 = SIMD8<Float>(), r1 = SIMD8<Float>()
      var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
      wp += 16
      var k = 0
      while k + 4 <= kc {
        var v = SIMD8<Float>(repeating: a[k])
        p0 = V.fma(p0, v, V.load(wp)); p1 = V.fma(p1, v, V.load(wp + 8))
        v = SIMD8<Float>(repeating: a[k + 1])
        q0 = V.fma(q0, v, V.load(wp + 16)); q1 = V.fma(q1, v, V.load(wp + 24))
        v = SIMD8<Float>(repeating: a[k + 2])
        r0 = V.fma(r0, v, V.load(wp + 32)); r1 = V.fma(r1, v, V.load(wp + 40))
        v = SIMD8<Float>(repeating: a[k + 3])
        s0 = V.fma(s0, v, V.load(wp + 48)); s1 = V.fma(s1, v, V.load(wp + 56))
        wp += 64
        k &+= 4
      }
      while k < kc {
        let v = SIMD8<Float>(repeating: a[k])
        p0 = V.fma(p0, v, V.load(wp)); p1 = V.fma(p1, v, V.load(wp + 8))
        wp += 16
        k &+= 1
      }
      storeRow(V.self, (p0 + q0) + (r0 + s0), (p1 + q1) + (r1 + s1), c + n0, nc - n0, low, high)
      n0 += 16
    }
  }

  @inlinable @inline(__always)
  static func storeRow<V: F32Vector8>(_: V.Type, _ x0: SIMD8<Float>, _ x1: SIMD8<Float>, _ c: UnsafeMutablePointer<Float>,
                                      _ n: Int, _ low: SIMD8<Float>, _ high: SIMD8<Float>) {
    let y0 = V.clamp(x0, low, high), y1 = V.clamp(x1, low, high)
    if n >= 16 {
      V.store(y0, c); V.store(y1, c + 8)
    } else if n >= 8 {
      V.store(y0, c); V.store(y1, c + 8, count: n - 8)
    } else {
      V.store(y0, c, count: n)
    }
  }

  /// The scalar tile: one row at a time, one column at a time over the same packing.
  public static func tile1x16Scalar(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                    _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                    _ clamp: FloatClamp) {
    for r in 0..<mr {
      let row = a + r * aStride
      var block = w
      var n0 = 0
      while n0 < nc {
        for j in 0..<Swift.min(16, nc - n0) {
          var acc = block[j]
          for k in 0..<kc { acc += row[k] * block[16 + k * 16 + j] }
          c[r * cStride + n0 + j] = clamp.apply(acc)
        }
        block += 16 * (kc + 1)
        n0 += 16
      }
    }
  }

  /// 6×16 tile, portable SIMD.
  public static func tile6x16Simd(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                  _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                  _ clamp: FloatClamp) {
    tile6x16(SimdF32x8.self, mr, nc, kc, a, aStride, w, c, cStride, clamp)
  }

  /// 1×16 tile, portable SIMD.
  public static func tile1x16Simd(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                  _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                  _ clamp: FloatClamp) {
    tile1x16(SimdF32x8.self, mr, nc, kc, a, aStride, w, c, cStride, clamp)
  }

  // MARK: Drivers

  /// C[m × n] = clamp(bias + A[m × k] · W) with `gemm`, W packed by `pack`. Column blocks are sized
  /// so one block of packed weights stays in the L2 cache while every row passes over it.
  public static func run(_ gemm: F32GemmVariant, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aStride: Int,
                         packed: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, cStride: Int, clamp: FloatClamp) {
    let blockFloats = 16 * (k + 1)
    let columnBlock = Swift.max(16, (256 * 1024 / 4) / blockFloats * 16)
    var n0 = 0
    while n0 < n {
      let nc = Swift.min(columnBlock, n - n0)
      let w = packed + n0 / 16 * blockFloats
      var m0 = 0
      while m0 < m {
        let mr = Swift.min(gemm.mr, m - m0)
        gemm.run(mr, nc, k, a + m0 * aStride, aStride, w, c + m0 * cStride + n0, cStride, clamp)
        m0 += mr
      }
      n0 += nc
    }
  }

}

/// Float weights packed for `F32Gemm`: packed once in prepare (persistent arena memory) when the
/// weights and bias are constants, else packed in eval into scratch (weights computed at run time,
/// e.g. by a DEQUANTIZE of float16 constants).
public struct F32PackedWeights: BitwiseCopyable {
  /// The packed weights in the arena's persistent part (lives as long as the interpreter), or nil.
  var packed: UnsafeMutablePointer<Float>?
  /// Scratch slot to pack into in eval when `packed` is nil.
  var scratchSlot: Int
  /// Output channels and inputs per output channel.
  var n: Int, k: Int

  /// Packs [n][k] `weights` and `bias` now when they are constant, or requests scratch to pack them in eval.
  static func make(_ ctx: inout PrepareContext, weights: TensorView, bias: TensorView?, n: Int, k: Int) throws(MicroError) -> F32PackedWeights {
    let bytes = F32Gemm.packedCount(n: n, k: k) * MemoryLayout<Float>.stride
    if weights.isConstant && (bias?.isConstant ?? true) {
      let p = try ctx.allocatePersistent(bytes: bytes, alignment: 64).bindMemory(to: Float.self, capacity: bytes / 4)
      if ctx.materializes { F32Gemm.pack(weights: weights.floats, bias: bias?.floats, n: n, k: k, into: p) }
      return F32PackedWeights(packed: p, scratchSlot: -1, n: n, k: k)
    }
    let slot = try ctx.requestScratch(bytes: bytes).slot
    return F32PackedWeights(packed: nil, scratchSlot: slot, n: n, k: k)
  }

  /// The packed weights (packing them into scratch first when they are not constant).
  func pointer(_ ctx: EvalContext, weights: TensorView, bias: TensorView?) -> UnsafePointer<Float> {
    if let packed { return UnsafePointer(packed) }
    let p = ctx.scratch(ScratchHandle(slot: scratchSlot)).assumingMemoryBound(to: Float.self)
    F32Gemm.pack(weights: weights.floats, bias: bias?.floats, n: n, k: k, into: p)
    return UnsafePointer(p)
  }
}

extension F32Gemm {
  /// Matrix-vector product on row-major (unpacked) weights [n][k]: out[j] = clamp(bias[j] + Σ x·w[j]),
  /// for weights computed at run time, where packing them on every call would cost more than the product.
  @inlinable @inline(__always)
  static func gemvRowMajor<V: F32Vector8>(_: V.Type, n: Int, k: Int, x: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                                          bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, clamp: FloatClamp) {
    for j in 0..<n {
      let w = weights + j * k
      var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
      var i = 0
      while i + 16 <= k {
        s0 = V.fma(s0, V.load(x + i), V.load(w + i))
        s1 = V.fma(s1, V.load(x + i + 8), V.load(w + i + 8))
        i &+= 16
      }
      if i + 8 <= k {
        s0 = V.fma(s0, V.load(x + i), V.load(w + i))
        i &+= 8
      }
      let v = s0 + s1
      var acc = ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))
      while i < k { acc += x[i] * w[i]; i &+= 1 }
      output[j] = clamp.apply(acc + (bias?[j] ?? 0))
    }
  }

  /// `gemvRowMajor`, portable SIMD.
  public static func gemvRowMajorSimd(_ n: Int, _ k: Int, _ x: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
                                      _ bias: UnsafePointer<Float>?, _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    gemvRowMajor(SimdF32x8.self, n: n, k: k, x: x, weights: weights, bias: bias, output: output, clamp: clamp)
  }
}
