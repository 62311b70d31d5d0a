// Int8 CONV_2D and FULLY_CONNECTED on AVX-512 VNNI processors: the plan MicroRuntime keeps for
// MicroKernelsAvx512's c4-packed GEMM (layout and kernels live in that module). Exists only where
// that module is built (x86_64 host builds); the catalog chooses it at run time.
#if canImport(MicroKernelsAvx512)
import MicroKernelsAvx512

/// Packed weights, folded bias and requantization for S8Avx512.gemm, in persistent arena memory.
public struct S8QuadGemm: BitwiseCopyable {
  public var weights: UnsafeMutableRawPointer, bias: UnsafeMutableRawPointer, requantization: UnsafeMutableRawPointer
  public var channels: Int, depth: Int
  public var outputOffset: Int32, low: Int32, high: Int32

  /// Packs `weights` [channels, depth] and `bias`, and lays out the requantization of `q`.
  public static func make(_ ctx: inout PrepareContext, weights: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
                          channels: Int, depth: Int, requantization q: ChannelRequantization,
                          singleRounding: Bool) throws(MicroError) -> S8QuadGemm {
    let w = try ctx.allocatePersistent(bytes: S8Avx512.weightBytes(channels: channels, depth: depth), alignment: 64)
    let b = try ctx.allocatePersistent(bytes: S8Avx512.biasBytes(channels: channels), alignment: 64)
    let r = try ctx.allocatePersistent(bytes: S8Avx512.requantizationBytes(channels: channels), alignment: 64)
    S8Avx512.packGemm(weights: weights, bias: bias, channels: channels, depth: depth, inputZeroPoint: -q.inputOffset,
                      packed: w, folded: b)
    S8Avx512.fillRequantization(r, channels: channels, singleRounding: singleRounding) { c in
      (q.multipliers[c].multiplier, q.multipliers[c].shift)
    }
    return S8QuadGemm(weights: w, bias: b, requantization: r, channels: channels, depth: depth,
                      outputOffset: q.outputOffset, low: q.clamp.low, high: q.clamp.high)
  }

  /// Scratch bytes of the panel.
  public static func panelBytes(depth: Int) -> Int { S8Avx512.panelBytes(depth: depth) }

  /// The product over `rows` rows; `gather(first, count, panel, stride)` writes int8 rows.
  @inlinable
  public func run(rows: Int, output: UnsafeMutablePointer<Int8>, panel: UnsafeMutableRawPointer,
                  gather: (Int, Int, UnsafeMutablePointer<Int8>, Int) -> Void) {
    S8Avx512.gemm(rows: rows, channels: channels, depth: depth, weights: weights, bias: bias,
                  requantization: requantization, outputOffset: outputOffset, low: low, high: high, output: output,
                  panel: panel, gather: gather)
  }
}

/// Folded bias, requantization and a row of input zero points for S8Avx512.depthwise (depth
/// multiplier 1), in persistent arena memory.
public struct S8FoldedDepthwise: BitwiseCopyable {
  public var bias: UnsafeMutableRawPointer, requantization: UnsafeMutableRawPointer
  /// `channels` copies of the input zero point: what padding taps read, so that they add 0.
  public var padding: UnsafeMutablePointer<Int8>
  public var outputOffset: Int32, low: Int32, high: Int32

  /// Folds `bias` with the filter [1, taps, channels] and lays out the requantization of `q`.
  public static func make(_ ctx: inout PrepareContext, filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
                          channels: Int, taps: Int, requantization q: ChannelRequantization) throws(MicroError) -> S8FoldedDepthwise {
    let b = try ctx.allocatePersistent(bytes: S8Avx512.biasBytes(channels: channels), alignment: 64)
    let r = try ctx.allocatePersistent(bytes: S8Avx512.requantizationBytes(channels: channels), alignment: 64)
    let p = try ctx.allocatePersistent(bytes: channels, alignment: 64).bindMemory(to: Int8.self, capacity: channels)
    S8Avx512.foldDepthwiseBias(filter: filter, bias: bias, channels: channels, taps: taps, inputOffset: q.inputOffset,
                               folded: b)
    S8Avx512.fillRequantization(r, channels: channels, singleRounding: false) { c in
      (q.multipliers[c].multiplier, q.multipliers[c].shift)
    }
    p.update(repeating: Int8(truncatingIfNeeded: -q.inputOffset), count: channels)
    return S8FoldedDepthwise(bias: b, requantization: r, padding: p, outputOffset: q.outputOffset, low: q.clamp.low,
                             high: q.clamp.high)
  }

  /// One output pixel over all channels from `taps` tap pointers.
  @inlinable
  public func run(channels: Int, taps: Int, x: UnsafePointer<UnsafePointer<Int8>>, w: UnsafePointer<UnsafePointer<Int8>>,
                  output: UnsafeMutablePointer<Int8>) {
    S8Avx512.depthwise(channels: channels, taps: taps, x: x, w: w, bias: bias, requantization: requantization,
                       outputOffset: outputOffset, low: low, high: high, output: output)
  }
}
#endif
