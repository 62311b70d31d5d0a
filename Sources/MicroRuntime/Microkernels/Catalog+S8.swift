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

/// The int8 microkernel catalog.
public enum S8Catalog {
  /// Every GEMM variant this target can run, the scalar one first.
  public static func forEachGemm(_ body: (S8GemmVariant) -> Void) {
    body(S8GemmVariant(name: "s8GemmTile4x8Scalar", kernel: { s8GemmTile4x8Scalar($0, $1, $2, $3, $4, $5) }))
    body(S8GemmVariant(name: "s8GemmTile4x8Simd", kernel: { s8GemmTile4x8Simd($0, $1, $2, $3, $4, $5) }))
    #if arch(x86_64)
    body(S8GemmVariant(name: "s8GemmTile4x8Avx2", kernel: { s8GemmTile4x8Avx2($0, $1, $2, $3, $4, $5) }))
    #endif
  }

  /// The GEMM variant CONV_2D and FULLY_CONNECTED use on this target.
  public static var gemm: S8GemmVariant {
    #if arch(x86_64)
    S8GemmVariant(name: "s8GemmTile4x8Avx2", kernel: { s8GemmTile4x8Avx2($0, $1, $2, $3, $4, $5) })
    #else
    S8GemmVariant(name: "s8GemmTile4x8Simd", kernel: { s8GemmTile4x8Simd($0, $1, $2, $3, $4, $5) })
    #endif
  }
}
