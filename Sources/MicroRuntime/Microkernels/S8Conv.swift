// Int8 CONV_2D and FULLY_CONNECTED as S8 GEMMs: what prepare computes once (packed weights, folded
// bias, unpacked requantization, the chosen microkernel, a scratch slot) and what eval runs.

/// A prepared int8 matrix product: packed weights, requantization, microkernel and scratch slot.
public struct S8GemmPlan: BitwiseCopyable {
  /// Packed weights and folded bias.
  public var packed: S8PackedWeights
  /// Per-channel requantization.
  public var requantization: S8Requantization
  /// The catalog's microkernel.
  public var kernel: S8GemmMicrokernel
  /// Scratch: the int16 panel (4 × depthPadded), then a copy of `requantization` for the microkernel.
  public var scratchSlot: Int
  /// The input zero point (padding value of gathered convolution taps).
  public var inputZeroPoint: Int16

  /// Packs constant `weights` [channels, depth] and `bias` and requests the scratch; nil when the
  /// weights or bias are not constant (the caller keeps the reference path).
  public static func make(_ ctx: inout PrepareContext, weights: TensorView, bias: TensorView?, channels: Int, depth: Int,
                          requantization q: ChannelRequantization,
                          singleRounding: Bool = false) throws(MicroError) -> S8GemmPlan? {
    guard weights.isConstant, bias?.isConstant ?? true, let w = weights.data else { return nil }
    let zp = -q.inputOffset
    let packed = try S8PackedWeights.pack(
      &ctx, weights: UnsafePointer(w.assumingMemoryBound(to: Int8.self)),
      bias: bias.flatMap { $0.data.map { UnsafePointer($0.assumingMemoryBound(to: Int32.self)) } },
      channels: channels, depth: depth, inputZeroPoint: zp)
    let r = try S8Requantization.make(&ctx, q, singleRounding: singleRounding)
    let scratch = try ctx.requestScratch(bytes: panelBytes(packed.depthPadded) + MemoryLayout<S8Requantization>.stride)
    return S8GemmPlan(packed: packed, requantization: r, kernel: MicrokernelCatalog.s8Gemm.kernel, scratchSlot: scratch.slot,
                      inputZeroPoint: Int16(truncatingIfNeeded: zp))
  }

  @inlinable static func panelBytes(_ depthPadded: Int) -> Int { (4 * depthPadded * 2 + 31) & ~31 }

  /// The product over `rows` rows gathered by `gather`.
  @inlinable
  public func run(rows: Int, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
                  gather: (Int, UnsafeMutablePointer<Int16>) -> Void) {
    let panel = scratch.bindMemory(to: Int16.self, capacity: 4 * packed.depthPadded)
    let q = (scratch + S8GemmPlan.panelBytes(packed.depthPadded))
    q.storeBytes(of: requantization, as: S8Requantization.self)
    packed.run(rows: rows, output: output, requantization: UnsafeRawPointer(q), kernel: kernel, panel: panel,
               gather: gather)
  }

  /// FULLY_CONNECTED: `rows` input rows of `depth` values each.
  public func fullyConnected(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, rows: Int,
                             scratch: UnsafeMutableRawPointer) {
    let depth = packed.depth
    run(rows: rows, output: output, scratch: scratch) { m, row in s8Widen(input + m * depth, depth, into: row) }
  }

  /// CONV_2D (one group): rows are output pixels; a row gathers the filter window (im2col), with
  /// taps in the padding set to the input zero point.
  public func conv2D(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry,
                     channels c: Int, scratch: UnsafeMutableRawPointer) {
    let zp = inputZeroPoint
    let rows = g.batches * g.outputHeight * g.outputWidth
    if g.filterHeight == 1 && g.filterWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1 {
      // Pointwise: output pixel m reads input pixel m.
      run(rows: rows, output: output, scratch: scratch) { m, row in s8Widen(input + m * c, c, into: row) }
      return
    }
    run(rows: rows, output: output, scratch: scratch) { m, row in
      let ox = m % g.outputWidth, t = m / g.outputWidth
      let oy = t % g.outputHeight, b = t / g.outputHeight
      let image = input + b * g.inputHeight * g.inputWidth * c
      var k = 0
      let x0 = ox * g.strideWidth - g.padLeft
      let rowSpan = g.filterWidth * c
      let contiguous = g.dilationWidth == 1 && x0 >= 0 && x0 + g.filterWidth <= g.inputWidth
      for fy in 0..<g.filterHeight {
        let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
        if iy < 0 || iy >= g.inputHeight {
          s8Fill(zp, rowSpan, into: row + k)
          k += rowSpan
          continue
        }
        if contiguous {
          // The window's row is fW adjacent pixels: one run of fW · C values.
          s8Widen(image + (iy * g.inputWidth + x0) * c, rowSpan, into: row + k)
          k += rowSpan
          continue
        }
        for fx in 0..<g.filterWidth {
          let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
          if iy < 0 || iy >= g.inputHeight || ix < 0 || ix >= g.inputWidth {
            s8Fill(zp, c, into: row + k)
          } else {
            s8Widen(image + (iy * g.inputWidth + ix) * c, c, into: row + k)
          }
          k += c
        }
      }
    }
  }
}
