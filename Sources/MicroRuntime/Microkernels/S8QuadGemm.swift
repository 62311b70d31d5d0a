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
    if ctx.materializes {
      S8Avx512.packGemm(weights: weights, bias: bias, channels: channels, depth: depth, inputZeroPoint: -q.inputOffset,
                        packed: w, folded: b)
      S8Avx512.fillRequantization(r, channels: channels, singleRounding: singleRounding) { c in
        (q.multipliers[c].multiplier, q.multipliers[c].shift)
      }
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

/// Widened filter, folded bias, requantization and a row of input zero points for
/// S8Avx512.depthwise (depth multiplier 1), in persistent arena memory.
public struct S8FoldedDepthwise: BitwiseCopyable {
  public var filter: UnsafeMutableRawPointer, bias: UnsafeMutableRawPointer, requantization: UnsafeMutableRawPointer
  /// `channels` copies of the input zero point: what padding taps read, so that they add 0.
  public var padding: UnsafeMutablePointer<Int8>
  public var outputOffset: Int32, low: Int32, high: Int32

  /// Widens the filter [1, taps, channels], folds `bias` and lays out the requantization of `q`.
  public static func make(_ ctx: inout PrepareContext, filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
                          channels: Int, taps: Int, requantization q: ChannelRequantization) throws(MicroError) -> S8FoldedDepthwise {
    let f = try ctx.allocatePersistent(bytes: S8Avx512.depthwiseFilterBytes(channels: channels, taps: taps), alignment: 64)
    let b = try ctx.allocatePersistent(bytes: S8Avx512.biasBytes(channels: channels), alignment: 64)
    let r = try ctx.allocatePersistent(bytes: S8Avx512.requantizationBytes(channels: channels), alignment: 64)
    let p = try ctx.allocatePersistent(bytes: channels, alignment: 64).assumingMemoryBound(to: Int8.self)
    if ctx.materializes {
      S8Avx512.packDepthwise(filter: filter, bias: bias, channels: channels, taps: taps, inputOffset: q.inputOffset,
                             widened: f, folded: b)
      S8Avx512.fillRequantization(r, channels: channels, singleRounding: false) { c in
        (q.multipliers[c].multiplier, q.multipliers[c].shift)
      }
      p.initialize(repeating: Int8(truncatingIfNeeded: -q.inputOffset), count: channels)
    }
    return S8FoldedDepthwise(filter: f, bias: b, requantization: r, padding: p, outputOffset: q.outputOffset,
                             low: q.clamp.low, high: q.clamp.high)
  }

  /// The convolution over NHWC `input` with `c` channels; `xs` is scratch for fH·fW pointers.
  /// Output rows whose window rows are all inside the input run their interior pixels (every tap
  /// inside) as one call whose taps advance by strideW·c per pixel; other pixels run one by one
  /// with padding taps pointed at `padding`.
  public func run(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, channels c: Int,
                  xs: UnsafeMutablePointer<UnsafePointer<Int8>>) {
    let taps = g.filterHeight * g.filterWidth
    let span = (g.filterWidth - 1) * g.dilationWidth
    // Interior columns: x0 = ox·sW − padLeft ≥ 0 and x0 + span < inputWidth.
    let first = (g.padLeft + g.strideWidth - 1) / g.strideWidth
    let last = g.inputWidth - 1 - span + g.padLeft < 0 ? -1 : (g.inputWidth - 1 - span + g.padLeft) / g.strideWidth
    let interior = (Swift.min(first, g.outputWidth), Swift.max(Swift.min(last + 1, g.outputWidth), Swift.min(first, g.outputWidth)))
    func pixels(_ image: UnsafePointer<Int8>, _ oy: Int, _ ox: Int, _ count: Int, _ out: UnsafeMutablePointer<Int8>) {
      let y0 = oy * g.strideHeight - g.padTop, x0 = ox * g.strideWidth - g.padLeft
      var n = 0
      for fy in 0..<g.filterHeight {
        let iy = y0 + fy * g.dilationHeight
        for fx in 0..<g.filterWidth {
          let ix = x0 + fx * g.dilationWidth
          xs[n] = iy >= 0 && iy < g.inputHeight && ix >= 0 && ix < g.inputWidth
            ? image + (iy * g.inputWidth + ix) * c : UnsafePointer(padding)
          n += 1
        }
      }
      S8Avx512.depthwise(pixels: count, step: count > 1 ? g.strideWidth * c : 0, channels: c, taps: taps, x: xs,
                         filter: filter, bias: bias, requantization: requantization, outputOffset: outputOffset,
                         low: low, high: high, output: out)
    }
    var out = output
    for b in 0..<g.batches {
      let image = input + b * g.inputHeight * g.inputWidth * c
      for oy in 0..<g.outputHeight {
        let y0 = oy * g.strideHeight - g.padTop
        let rowsInside = y0 >= 0 && y0 + (g.filterHeight - 1) * g.dilationHeight < g.inputHeight
        if rowsInside && interior.1 > interior.0 {
          for ox in 0..<interior.0 { pixels(image, oy, ox, 1, out + ox * c) }
          pixels(image, oy, interior.0, interior.1 - interior.0, out + interior.0 * c)
          for ox in interior.1..<g.outputWidth { pixels(image, oy, ox, 1, out + ox * c) }
        } else {
          for ox in 0..<g.outputWidth { pixels(image, oy, ox, 1, out + ox * c) }
        }
        out += g.outputWidth * c
      }
    }
  }
}
#endif
