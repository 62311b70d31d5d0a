// The microkernel catalog: every variant of every family, by name (dtype, op, ISA, tile). Tests and
// benchmarks walk these lists; kernels take the variant chosen for the target (Platform.swift
// supplies the instruction-set-specific entries and the choice). Int8 families extend
// `MicrokernelCatalog` in Catalog+S8.swift.

/// The list of optimized microkernels, one visitor per family.
public enum MicrokernelCatalog {
  /// Every float GEMM variant: scalar, portable SIMD, and this target's own.
  public static func forEachF32Gemm(_ body: (F32GemmVariant) -> Void) {
    body(F32GemmVariant(name: "f32GemmTile1x16Scalar", mr: 1, run: F32Gemm.tile1x16Scalar))
    body(F32GemmVariant(name: "f32GemmTile6x16Simd", mr: 6, run: F32Gemm.tile6x16Simd))
    body(F32GemmVariant(name: "f32GemmTile1x16Simd", mr: 1, run: F32Gemm.tile1x16Simd))
    forEachPlatformF32Gemm(body)
  }

  /// Every float indirect-GEMM (convolution) variant: scalar, portable SIMD, and this target's own.
  public static func forEachF32Igemm(_ body: (F32IgemmVariant) -> Void) {
    body(F32IgemmVariant(name: "f32IgemmTile1x16Scalar", mr: 1, run: F32Igemm.tile1x16Scalar))
    body(F32IgemmVariant(name: "f32IgemmTile6x16Simd", mr: 6, run: F32Igemm.tile6x16Simd))
    forEachPlatformF32Igemm(body)
  }

  /// Every float binary row variant (ADD, MUL, PRELU): scalar, portable SIMD, and this target's own.
  public static func forEachF32Binary(_ body: (F32BinaryVariant) -> Void) {
    body(F32BinaryVariant(name: "f32VAddScalar", run: F32Binary.vAddScalar))
    body(F32BinaryVariant(name: "f32VMulScalar", run: F32Binary.vMulScalar))
    body(F32BinaryVariant(name: "f32VPreluScalar", run: F32Binary.vPreluScalar))
    body(F32BinaryVariant(name: "f32VAddSimd", run: F32Binary.vAddSimd))
    body(F32BinaryVariant(name: "f32VMulSimd", run: F32Binary.vMulSimd))
    body(F32BinaryVariant(name: "f32VPreluSimd", run: F32Binary.vPreluSimd))
    forEachPlatformF32Binary(body)
  }

  /// Every float matrix-vector product on row-major weights (scalar: `Reference.fullyConnected`).
  public static func forEachF32GemvRowMajor(_ body: (F32GemvRowMajorVariant) -> Void) {
    body(F32GemvRowMajorVariant(name: "f32GemvRowMajorSimd", run: F32Gemm.gemvRowMajorSimd))
    forEachPlatformF32GemvRowMajor(body)
  }

  /// Every float MAX_POOL_2D variant (scalar: `Reference.maxPool2D`).
  public static func forEachF32MaxPool(_ body: (F32MaxPoolVariant) -> Void) {
    body(F32MaxPoolVariant(name: "f32MaxPoolSimd", run: F32Pool.maxSimd))
    forEachPlatformF32MaxPool(body)
  }

  /// Every float global-average-pool (MEAN over H and W) variant (scalar: `Reference.reduceSum`).
  public static func forEachF32GlobalAvgPool(_ body: (F32GlobalAvgPoolVariant) -> Void) {
    body(F32GlobalAvgPoolVariant(name: "f32GlobalAvgPoolSimd", run: F32Reduce.spatialMeanSimd))
    forEachPlatformF32GlobalAvgPool(body)
  }

  /// Every float depthwise-convolution variant (`taps` 0: any window size).
  public static func forEachF32Depthwise(_ body: (F32DepthwiseVariant) -> Void) {
    body(F32DepthwiseVariant(name: "f32DwConvScalar", taps: 0, run: F32Depthwise.scalar))
    body(F32DepthwiseVariant(name: "f32DwConvUp16x9Simd", taps: 9, run: F32Depthwise.up16x9Simd))
    body(F32DepthwiseVariant(name: "f32DwConvUp16Simd", taps: 0, run: F32Depthwise.up16Simd))
    forEachPlatformF32Depthwise(body)
  }
}

/// A float GEMM microkernel: C[mr × nc] = clamp(bias + A[mr × kc] · W[kc × nc]) with W packed by
/// `F32Gemm.pack` (blocks of 16 columns: 16 biases, then kc rows of 16 weights, zero-padded).
/// Arguments: mr (1...variant.mr), nc, kc, A, A's row stride (elements), packed W, C, C's row
/// stride, clamp.
public typealias F32GemmFunction = (Int, Int, Int, UnsafePointer<Float>, Int, UnsafePointer<Float>,
                                    UnsafeMutablePointer<Float>, Int, FloatClamp) -> Void

/// One float GEMM variant.
public struct F32GemmVariant {
  /// dtype, op, ISA and tile, e.g. `f32GemmTile6x16Avx2`.
  public var name: StaticString
  /// Rows per call (the tile's height).
  public var mr: Int
  /// The microkernel.
  public var run: F32GemmFunction
}

/// A float depthwise microkernel over one run of output pixels: for each of `width` pixels,
/// out[c] = clamp(bias[c] + Σ_t input[pixel · taps + t][c] · weights[t · channels + c]).
/// Arguments: channels, width, taps, indirection (width · taps row pointers), weights [taps][channels],
/// bias [channels], output (width · channels, contiguous), clamp.
public typealias F32DepthwiseFunction = (Int, Int, Int, UnsafePointer<UnsafePointer<Float>>, UnsafePointer<Float>,
                                         UnsafePointer<Float>, UnsafeMutablePointer<Float>, FloatClamp) -> Void

/// One float depthwise variant.
public struct F32DepthwiseVariant {
  /// dtype, op, channel tile, taps and ISA, e.g. `f32DwConvUp16x9Avx2`.
  public var name: StaticString
  /// The window size the variant is specialized for (0: any).
  public var taps: Int
  /// The microkernel.
  public var run: F32DepthwiseFunction
}

/// A float matrix-vector product on row-major weights [n][k]: out[j] = clamp(bias[j] + Σ x·w[j]).
/// Arguments: n, k, x, weights, bias (nil: 0), out, clamp.
public typealias F32GemvRowMajorFunction = (Int, Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>?,
                                            UnsafeMutablePointer<Float>, FloatClamp) -> Void

/// One float row-major matrix-vector variant.
public struct F32GemvRowMajorVariant {
  /// dtype, op and ISA.
  public var name: StaticString
  /// The microkernel.
  public var run: F32GemvRowMajorFunction
}

/// A float MAX_POOL_2D over NHWC. Arguments: input, output, geometry, channels, clamp.
public typealias F32MaxPoolFunction = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, WindowGeometry, Int, FloatClamp) -> Void

/// One float MAX_POOL_2D variant.
public struct F32MaxPoolVariant {
  /// dtype, op and ISA.
  public var name: StaticString
  /// The microkernel.
  public var run: F32MaxPoolFunction
}

/// A float MEAN over the spatial axes of NHWC. Arguments: input, batches, pixels, channels, output.
public typealias F32GlobalAvgPoolFunction = (UnsafePointer<Float>, Int, Int, Int, UnsafeMutablePointer<Float>) -> Void

/// One float global-average-pool variant.
public struct F32GlobalAvgPoolVariant {
  /// dtype, op and ISA.
  public var name: StaticString
  /// The microkernel.
  public var run: F32GlobalAvgPoolFunction
}
