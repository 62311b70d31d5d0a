// The one place where the instruction set decides anything. Float microkernels are written once,
// generic over an `F32Vector8` (eight float lanes: load, store, fused multiply-add, min, max); this
// file supplies the portable implementation (Swift SIMD types, every target), the AVX2/FMA one on
// x86_64, and the choice of the variant each kernel uses. No kernel body contains `#if`.

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
#if canImport(MicroKernelsAvx512)
import MicroKernelsAvx512
#endif

extension MicrokernelCatalog {
  /// Whether this processor runs MicroKernelsAvx512 (x86_64 host builds, AVX-512 VNNI checked at
  /// run time): then the int8 convolutions, FULLY_CONNECTED and ADD use its kernels, and the float
  /// GEMMs and depthwise convolutions its 512-bit tiles.
  public static var hasAvx512: Bool {
    #if canImport(MicroKernelsAvx512)
    S8Avx512.isUsable
    #else
    false
    #endif
  }
}

/// Eight float lanes and the few operations the float microkernels need.
public protocol F32Vector8 {
  /// acc + a · b (fused where the instruction set has it).
  static func fma(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
  /// Lane-wise maximum (TFLite's max: NaN in `a` passes through as in `Swift.max(a, b)` order).
  static func max(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
  /// Lane-wise minimum.
  static func min(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
}

extension F32Vector8 {
  /// Eight floats from `p` (any alignment).
  @inlinable @inline(__always) public static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }
  /// Stores eight floats at `p` (any alignment).
  @inlinable @inline(__always) public static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }
  /// Stores the first `n` (0...8) lanes of `v` at `p`.
  @inlinable @inline(__always) public static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, count n: Int) {
    var i = 0
    while i < n { p[i] = v[i]; i &+= 1 }
  }
  /// `v` clamped to [low, high] (low first, as `FloatClamp.apply`).
  @inlinable @inline(__always) public static func clamp(_ v: SIMD8<Float>, _ low: SIMD8<Float>, _ high: SIMD8<Float>) -> SIMD8<Float> {
    min(max(v, low), high)
  }
}

/// The portable eight-lane float vector: Swift SIMD operations, which LLVM maps to SSE/AVX, NEON or
/// scalar code. No fused multiply-add (LLVM does not contract `a + b · c` without fast-math).
public enum SimdF32x8: F32Vector8 {
  @inlinable @inline(__always) public static func fma(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    acc + a * b
  }
  @inlinable @inline(__always) public static func max(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    a.replacing(with: b, where: a .< b)
  }
  @inlinable @inline(__always) public static func min(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    a.replacing(with: b, where: b .< a)
  }
}

#if arch(x86_64)
/// AVX2 + FMA3 (vfmadd231ps, vmaxps, vminps). Needs `-Xcc -mavx2 -Xcc -mfma`.
public enum Avx2F32x8: F32Vector8 {
  @inlinable @inline(__always) public static func fma(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    _mm256_fmadd_ps(a, b, acc)
  }
  // vmaxps returns the second operand when either is NaN; pass `a` second so NaN in `a` survives,
  // matching Swift.max(a, b) for the clamp's use (a = value, b = bound).
  @inlinable @inline(__always) public static func max(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    _mm256_max_ps(b, a)
  }
  @inlinable @inline(__always) public static func min(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    _mm256_min_ps(b, a)
  }
}

/// The vector the float kernels use on this target.
public typealias NativeF32x8 = Avx2F32x8

extension MicrokernelCatalog {
  /// Float GEMM variants for this instruction set (in addition to the portable ones).
  public static func forEachPlatformF32Gemm(_ body: (F32GemmVariant) -> Void) {
    body(f32GemmAvx2)
    body(F32GemmVariant(name: "f32GemmTile1x16Avx2", mr: 1, run: F32Gemm.tile1x16Avx2))
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { body(f32Gemm6x32Avx512) }
    #endif
  }
  /// Float indirect-GEMM variants for this instruction set.
  public static func forEachPlatformF32Igemm(_ body: (F32IgemmVariant) -> Void) {
    body(f32IgemmAvx2)
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { body(f32IgemmAvx512) }
    #endif
  }
  /// Row-major matrix-vector variants for this instruction set.
  public static func forEachPlatformF32GemvRowMajor(_ body: (F32GemvRowMajorVariant) -> Void) { body(f32GemvRowMajor) }
  /// MAX_POOL_2D variants for this instruction set.
  public static func forEachPlatformF32MaxPool(_ body: (F32MaxPoolVariant) -> Void) { body(f32MaxPool) }
  /// Global-average-pool variants for this instruction set.
  public static func forEachPlatformF32GlobalAvgPool(_ body: (F32GlobalAvgPoolVariant) -> Void) { body(f32GlobalAvgPool) }
  /// The row-major matrix-vector product on this target.
  public static var f32GemvRowMajor: F32GemvRowMajorVariant {
    F32GemvRowMajorVariant(name: "f32GemvRowMajorAvx2", run: F32Gemm.gemvRowMajorAvx2)
  }
  /// MAX_POOL_2D on this target.
  public static var f32MaxPool: F32MaxPoolVariant { F32MaxPoolVariant(name: "f32MaxPoolAvx2", run: F32Pool.maxAvx2) }
  /// Global average pooling on this target.
  public static var f32GlobalAvgPool: F32GlobalAvgPoolVariant {
    F32GlobalAvgPoolVariant(name: "f32GlobalAvgPoolAvx2", run: F32Reduce.spatialMeanAvx2)
  }
  /// The float indirect GEMM (convolutions other than 1×1 stride 1) on this target.
  public static var f32Igemm: F32IgemmVariant {
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { return f32IgemmAvx512 }
    #endif
    return f32IgemmAvx2
  }
  static var f32IgemmAvx2: F32IgemmVariant { F32IgemmVariant(name: "f32IgemmTile6x16Avx2", mr: 6, run: F32Igemm.tile6x16Avx2) }
  static var f32GemmAvx2: F32GemmVariant { F32GemmVariant(name: "f32GemmTile6x16Avx2", mr: 6, run: F32Gemm.tile6x16Avx2) }
  #if canImport(MicroKernelsAvx512)
  static var f32DepthwiseAvx512: F32DepthwiseVariant {
    F32DepthwiseVariant(name: "f32DwConvUp32Avx512", taps: 0) { channels, width, taps, input, weights, bias, output, clamp in
      F32Avx512.depthwise(channels, width, taps, input, weights, bias, output, clamp.low, clamp.high)
    }
  }
  static var f32Depthwise9Avx512: F32DepthwiseVariant {
    F32DepthwiseVariant(name: "f32DwConvUp32x9Avx512", taps: 9) { channels, width, _, input, weights, bias, output, clamp in
      F32Avx512.depthwise9(channels, width, input, weights, bias, output, clamp.low, clamp.high)
    }
  }
  static var f32Gemm6x32Avx512: F32GemmVariant {
    F32GemmVariant(name: "f32GemmTile6x32Avx512", mr: 6) { mr, nc, kc, a, aStride, w, c, cStride, clamp in
      F32Avx512.gemmTile6x32(mr, nc, kc, a, aStride, w, c, cStride, clamp.low, clamp.high)
    }
  }
  static var f32IgemmAvx512: F32IgemmVariant {
    F32IgemmVariant(name: "f32IgemmTile12x16Avx512", mr: F32Avx512.igemmRows) { mr, nc, taps, channels, ind, w, c, cStride, clamp in
      F32Avx512.igemmTile12x16(mr, nc, taps, channels, ind, w, c, cStride, clamp.low, clamp.high)
    }
  }
  #endif
  /// Float depthwise variants for this instruction set.
  public static func forEachPlatformF32Depthwise(_ body: (F32DepthwiseVariant) -> Void) {
    body(F32DepthwiseVariant(name: "f32DwConvUp16x9Avx2", taps: 9, run: F32Depthwise.up16x9Avx2))
    body(F32DepthwiseVariant(name: "f32DwConvUp16Avx2", taps: 0, run: F32Depthwise.up16Avx2))
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { body(f32Depthwise9Avx512); body(f32DepthwiseAvx512) }
    #endif
  }
  /// Float binary row variants for this instruction set.
  public static func forEachPlatformF32Binary(_ body: (F32BinaryVariant) -> Void) {
    body(f32Add); body(f32Mul); body(f32Prelu)
  }
  /// ADD rows on this target.
  public static var f32Add: F32BinaryVariant { F32BinaryVariant(name: "f32VAddAvx2", run: F32Binary.vAddAvx2) }
  /// MUL rows on this target.
  public static var f32Mul: F32BinaryVariant { F32BinaryVariant(name: "f32VMulAvx2", run: F32Binary.vMulAvx2) }
  /// PRELU rows on this target.
  public static var f32Prelu: F32BinaryVariant { F32BinaryVariant(name: "f32VPreluAvx2", run: F32Binary.vPreluAvx2) }
  /// The float GEMM for many rows on this target.
  public static var f32Gemm: F32GemmVariant {
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { return f32Gemm6x32Avx512 }
    #endif
    return f32GemmAvx2
  }
  /// The float GEMM for one row (matrix-vector) on this target.
  public static var f32Gemv: F32GemmVariant { F32GemmVariant(name: "f32GemmTile1x16Avx2", mr: 1, run: F32Gemm.tile1x16Avx2) }
  /// The 3×3 (nine-tap) depthwise convolution on this target.
  public static var f32Depthwise9: F32DepthwiseVariant {
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { return f32Depthwise9Avx512 }
    #endif
    return F32DepthwiseVariant(name: "f32DwConvUp16x9Avx2", taps: 9, run: F32Depthwise.up16x9Avx2)
  }
  /// The any-size depthwise convolution on this target.
  public static var f32Depthwise: F32DepthwiseVariant {
    #if canImport(MicroKernelsAvx512)
    if hasAvx512 { return f32DepthwiseAvx512 }
    #endif
    return F32DepthwiseVariant(name: "f32DwConvUp16Avx2", taps: 0, run: F32Depthwise.up16Avx2)
  }
}
#else
/// The vector the float kernels use on this target.
public typealias NativeF32x8 = SimdF32x8

extension MicrokernelCatalog {
  /// Float GEMM variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32Gemm(_ body: (F32GemmVariant) -> Void) {}
  /// Float indirect-GEMM variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32Igemm(_ body: (F32IgemmVariant) -> Void) {}
  /// Row-major matrix-vector variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32GemvRowMajor(_ body: (F32GemvRowMajorVariant) -> Void) {}
  /// MAX_POOL_2D variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32MaxPool(_ body: (F32MaxPoolVariant) -> Void) {}
  /// Global-average-pool variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32GlobalAvgPool(_ body: (F32GlobalAvgPoolVariant) -> Void) {}
  /// The row-major matrix-vector product on this target.
  public static var f32GemvRowMajor: F32GemvRowMajorVariant {
    F32GemvRowMajorVariant(name: "f32GemvRowMajorSimd", run: F32Gemm.gemvRowMajorSimd)
  }
  /// MAX_POOL_2D on this target.
  public static var f32MaxPool: F32MaxPoolVariant { F32MaxPoolVariant(name: "f32MaxPoolSimd", run: F32Pool.maxSimd) }
  /// Global average pooling on this target.
  public static var f32GlobalAvgPool: F32GlobalAvgPoolVariant {
    F32GlobalAvgPoolVariant(name: "f32GlobalAvgPoolSimd", run: F32Reduce.spatialMeanSimd)
  }
  /// The float indirect GEMM (convolutions other than 1×1 stride 1) on this target.
  public static var f32Igemm: F32IgemmVariant { F32IgemmVariant(name: "f32IgemmTile6x16Simd", mr: 6, run: F32Igemm.tile6x16Simd) }
  /// Float depthwise variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32Depthwise(_ body: (F32DepthwiseVariant) -> Void) {}
  /// Float binary row variants for this instruction set (none beyond the portable ones).
  public static func forEachPlatformF32Binary(_ body: (F32BinaryVariant) -> Void) {}
  /// ADD rows on this target.
  public static var f32Add: F32BinaryVariant { F32BinaryVariant(name: "f32VAddSimd", run: F32Binary.vAddSimd) }
  /// MUL rows on this target.
  public static var f32Mul: F32BinaryVariant { F32BinaryVariant(name: "f32VMulSimd", run: F32Binary.vMulSimd) }
  /// PRELU rows on this target.
  public static var f32Prelu: F32BinaryVariant { F32BinaryVariant(name: "f32VPreluSimd", run: F32Binary.vPreluSimd) }
  /// The float GEMM for many rows on this target.
  public static var f32Gemm: F32GemmVariant { F32GemmVariant(name: "f32GemmTile6x16Simd", mr: 6, run: F32Gemm.tile6x16Simd) }
  /// The float GEMM for one row (matrix-vector) on this target.
  public static var f32Gemv: F32GemmVariant { F32GemmVariant(name: "f32GemmTile1x16Simd", mr: 1, run: F32Gemm.tile1x16Simd) }
  /// The 3×3 (nine-tap) depthwise convolution on this target.
  public static var f32Depthwise9: F32DepthwiseVariant { F32DepthwiseVariant(name: "f32DwConvUp16x9Simd", taps: 9, run: F32Depthwise.up16x9Simd) }
  /// The any-size depthwise convolution on this target.
  public static var f32Depthwise: F32DepthwiseVariant { F32DepthwiseVariant(name: "f32DwConvUp16Simd", taps: 0, run: F32Depthwise.up16Simd) }
}
#endif

#if arch(x86_64)
extension F32Gemm {
  /// 6×16 tile, AVX2 + FMA.
  public static func tile6x16Avx2(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                  _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                  _ clamp: FloatClamp) {
    tile6x16(Avx2F32x8.self, mr, nc, kc, a, aStride, w, c, cStride, clamp)
  }
  /// 1×16 tile, AVX2 + FMA.
  public static func tile1x16Avx2(_ mr: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                  _ w: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ cStride: Int,
                                  _ clamp: FloatClamp) {
    tile1x16(Avx2F32x8.self, mr, nc, kc, a, aStride, w, c, cStride, clamp)
  }
}

extension F32Binary {
  /// sum, AVX2.
  public static func vAddAvx2(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32AddOperator.self, Avx2F32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
  /// product, AVX2.
  public static func vMulAvx2(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32MulOperator.self, Avx2F32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
  /// PRELU (a the input, b alpha), AVX2.
  public static func vPreluAvx2(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32PreluOperator.self, Avx2F32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
}

extension F32Gemm {
  /// Row-major matrix-vector product, AVX2 + FMA.
  public static func gemvRowMajorAvx2(_ n: Int, _ k: Int, _ x: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
                                      _ bias: UnsafePointer<Float>?, _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    gemvRowMajor(Avx2F32x8.self, n: n, k: k, x: x, weights: weights, bias: bias, output: output, clamp: clamp)
  }
}

extension F32Pool {
  /// MAX_POOL_2D, AVX2.
  public static func maxAvx2(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                             _ g: WindowGeometry, _ channels: Int, _ clamp: FloatClamp) {
    max(Avx2F32x8.self, input: input, output: output, geometry: g, channels: channels, clamp: clamp)
  }
}

extension F32Reduce {
  /// Global average pooling, AVX2.
  public static func spatialMeanAvx2(_ input: UnsafePointer<Float>, _ batches: Int, _ pixels: Int, _ channels: Int,
                                     _ output: UnsafeMutablePointer<Float>) {
    spatialMean(Avx2F32x8.self, input: input, batches: batches, pixels: pixels, channels: channels, output: output)
  }
}

extension F32Igemm {
  /// 6×16 indirect tile, AVX2 + FMA.
  public static func tile6x16Avx2(_ mr: Int, _ nc: Int, _ taps: Int, _ channels: Int,
                                  _ ind: UnsafePointer<UnsafePointer<Float>>, _ w: UnsafePointer<Float>,
                                  _ c: UnsafeMutablePointer<Float>, _ cStride: Int, _ clamp: FloatClamp) {
    tile6x16(Avx2F32x8.self, mr, nc, taps, channels, ind, w, c, cStride, clamp)
  }
}

extension F32Depthwise {
  /// 16 channels per step, nine taps, AVX2 + FMA.
  public static func up16x9Avx2(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                                _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                                _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    up16(Avx2F32x8.self, channels, width, 9, input, weights, bias, output, clamp)
  }
  /// 16 channels per step, any window, AVX2 + FMA.
  public static func up16Avx2(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                              _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                              _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    up16(Avx2F32x8.self, channels, width, taps, input, weights, bias, output, clamp)
  }
}
#endif
