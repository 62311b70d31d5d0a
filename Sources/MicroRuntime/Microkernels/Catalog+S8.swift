// The int8 microkernel variants: one list per family, which the tests and benchmarks walk, and the
// one place that chooses the variant a kernel uses (by target architecture, never by `#if` inside a
// kernel body).


/// An int8 GEMM microkernel variant: its name (dtype, op, tile, ISA) and function.
public struct S8GemmVariant {
  /// E.g. "s8GemmTile4x8Avx2".
  public var name: StaticString
  /// The microkernel (tile S8GemmTile.rows × S8GemmTile.channels, c2 packing).
  public var kernel: S8GemmMicrokernel
}

/// An int8 depthwise-convolution microkernel variant.
public struct S8DepthwiseVariant {
  /// E.g. "s8DepthwiseChannels16Avx2".
  public var name: StaticString
  /// The microkernel.
  public var kernel: S8DepthwiseMicrokernel
}

/// An int8 requantization microkernel variant (8 channels).
public struct S8Requantize8Variant {
  /// E.g. "s8Requantize8Avx2".
  public var name: StaticString
  /// The microkernel.
  public var kernel: S8Requantize8Microkernel
}

/// The int8 families of the microkernel catalog.
extension MicrokernelCatalog {
  /// Every GEMM variant this target can run, the scalar one first.
  public static func forEachS8Gemm(_ body: (S8GemmVariant) -> Void) {
    body(S8GemmVariant(name: "s8GemmTile4x8Scalar", kernel: s8GemmTile4x8Scalar))
    body(S8GemmVariant(name: "s8GemmTile4x8Simd", kernel: s8GemmTile4x8Simd))
    #if arch(x86_64)
    body(S8GemmVariant(name: "s8GemmTile4x8Avx2", kernel: s8GemmTile4x8Avx2))
    #endif
  }

  /// The GEMM variant CONV_2D and FULLY_CONNECTED use on this target.
  public static var s8Gemm: S8GemmVariant {
    #if arch(x86_64)
    S8GemmVariant(name: "s8GemmTile4x8Avx2", kernel: s8GemmTile4x8Avx2)
    #else
    S8GemmVariant(name: "s8GemmTile4x8Simd", kernel: s8GemmTile4x8Simd)
    #endif
  }

  /// Every depthwise variant, the scalar one first.
  public static func forEachS8Depthwise(_ body: (S8DepthwiseVariant) -> Void) {
    body(S8DepthwiseVariant(name: "s8DepthwiseScalar", kernel: s8DepthwiseScalar))
    body(S8DepthwiseVariant(name: "s8DepthwiseChannelsLoop", kernel: s8DepthwiseChannelsLoop))
    #if arch(x86_64)
    body(S8DepthwiseVariant(name: "s8DepthwiseChannels16Avx2", kernel: s8DepthwiseChannels16Avx2))
    body(S8DepthwiseVariant(name: "s8DepthwiseChannels16Madd2Avx2", kernel: s8DepthwiseChannels16Madd2Avx2))
    #endif
  }

  /// The depthwise variant DEPTHWISE_CONV_2D uses on this target.
  public static var s8Depthwise: S8DepthwiseVariant {
    #if arch(x86_64)
    S8DepthwiseVariant(name: "s8DepthwiseChannels16Madd2Avx2", kernel: s8DepthwiseChannels16Madd2Avx2)
    #else
    S8DepthwiseVariant(name: "s8DepthwiseChannelsLoop", kernel: s8DepthwiseChannelsLoop)
    #endif
  }

  /// Every 8-channel requantization variant, the scalar one first.
  public static func forEachS8Requantize8(_ body: (S8Requantize8Variant) -> Void) {
    body(S8Requantize8Variant(name: "s8Requantize8Scalar", kernel: { s8Requantize8Scalar($0, $1, $2, $3, $4, $5) }))
    #if arch(x86_64)
    body(S8Requantize8Variant(name: "s8Requantize8Avx2", kernel: { s8Requantize8Avx2($0, $1, $2, $3, $4, $5) }))
    #endif
  }

  /// The requantization variant the int8 convolutions use on this target.
  public static var s8Requantize8: S8Requantize8Variant {
    #if arch(x86_64)
    S8Requantize8Variant(name: "s8Requantize8Avx2", kernel: { s8Requantize8Avx2($0, $1, $2, $3, $4, $5) })
    #else
    S8Requantize8Variant(name: "s8Requantize8Scalar", kernel: { s8Requantize8Scalar($0, $1, $2, $3, $4, $5) })
    #endif
  }

  /// The single-rounding requantization FULLY_CONNECTED uses (every target).
  public static var s8Requantize8SingleRounding: S8Requantize8Variant {
    S8Requantize8Variant(name: "s8Requantize8SingleRoundingScalar",
                         kernel: { s8Requantize8SingleRoundingScalar($0, $1, $2, $3, $4, $5) })
  }
}
