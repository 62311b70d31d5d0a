#if canImport(MicroKernelsAvx512)
import MicroKernelsAvx512
#endif

// Int8 CONV_2D and FULLY_CONNECTED as S8 GEMMs: what prepare computes once (packed weights, folded
// bias, unpacked requantization, the chosen microkernel, a scratch slot) and what eval runs.

/// A prepared int8 matrix product: the weights packed for the engine the catalog chose, the
/// requantization, and the scratch slot.
public struct S8GemmPlan: BitwiseCopyable {
  /// How the product runs.
  public enum Engine: BitwiseCopyable {
    /// c2 packing, the catalog's S8GemmMicrokernel over an int16 panel (every target).
    case pairs(S8PackedWeights, S8Requantization, S8GemmMicrokernel)
    #if canImport(MicroKernelsAvx512)
    /// c4 packing for `vpdpbusd` on AVX-512 VNNI processors (MicroKernelsAvx512).
    case quads(S8QuadGemm)
    #endif
  }
  /// The engine with its packed weights.
  public var engine: Engine
  /// Scratch: the engine's panel (and, for `.pairs`, a copy of the requantization).
  public var scratchSlot: Int
  /// The input zero point (padding value of gathered convolution taps).
  public var inputZeroPoint: Int16

  /// A c2 plan (the tests build them over their own arrays).
  public init(packed: S8PackedWeights, requantization: S8Requantization, kernel: S8GemmMicrokernel, scratchSlot: Int,
              inputZeroPoint: Int16) {
    self.init(engine: .pairs(packed, requantization, kernel), scratchSlot: scratchSlot, inputZeroPoint: inputZeroPoint)
  }

  public init(engine: Engine, scratchSlot: Int, inputZeroPoint: Int16) {
    self.engine = engine
    self.scratchSlot = scratchSlot
    self.inputZeroPoint = inputZeroPoint
  }

  /// Packs constant `weights` [channels, depth] and `bias` and requests the scratch; nil when the
  /// weights or bias are not constant (the caller keeps the reference path).
  public static func make(_ ctx: inout PrepareContext, weights: TensorView, bias: TensorView?, channels: Int, depth: Int,
                          requantization q: ChannelRequantization,
                          singleRounding: Bool = false) throws(MicroError) -> S8GemmPlan? {
    guard weights.isConstant, bias?.isConstant ?? true, let w = weights.data else { return nil }
    let zp = -q.inputOffset
    let wp = UnsafePointer(w.assumingMemoryBound(to: Int8.self))
    let bp = bias.flatMap { $0.data.map { UnsafePointer($0.assumingMemoryBound(to: Int32.self)) } }
    #if canImport(MicroKernelsAvx512)
    if MicrokernelCatalog.hasAvx512 {
      let quads = try S8QuadGemm.make(&ctx, weights: wp, bias: bp, channels: channels, depth: depth, requantization: q,
                                      singleRounding: singleRounding)
      let scratch = try ctx.requestScratch(bytes: S8QuadGemm.panelBytes(depth: depth))
      return S8GemmPlan(engine: .quads(quads), scratchSlot: scratch.slot, inputZeroPoint: Int16(truncatingIfNeeded: zp))
    }
    #endif
    let packed = try S8PackedWeights.pack(&ctx, weights: wp, bias: bp, channels: channels, depth: depth, inputZeroPoint: zp)
    let r = try S8Requantization.make(&ctx, q, singleRounding: singleRounding)
    let scratch = try ctx.requestScratch(bytes: panelBytes(packed.depthPadded) + MemoryLayout<S8Requantization>.stride)
    return S8GemmPlan(packed: packed, requantization: r, kernel: MicrokernelCatalog.s8Gemm.kernel, scratchSlot: scratch.slot,
                      inputZeroPoint: Int16(truncatingIfNeeded: zp))
  }

  @inlinable static func panelBytes(_ depthPadded: Int) -> Int { (4 * depthPadded * 2 + 31) & ~31 }

  /// The c2 product over `rows` rows gathered by `gather` (int16 rows).
  @inlinable
  func runPairs(_ packed: S8PackedWeights, _ requantization: S8Requantization, _ kernel: S8GemmMicrokernel, rows: Int,
                output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
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
    switch engine {
    case .pairs(let packed, let r, let kernel):
      let depth = packed.depth
      runPairs(packed, r, kernel, rows: rows, output: output, scratch: scratch) { m, row in s8Widen(input + m * depth, depth, into: row) }
    #if canImport(MicroKernelsAvx512)
    case .quads(let g):
      let depth = g.depth
      g.run(rows: rows, output: output, panel: scratch) { first, count, panel, stride in
        if stride == depth {
          S8Avx512.flipSigns(input + first * depth, count * depth, into: panel)
        } else {
          for i in 0..<count { S8Avx512.flipSigns(input + (first + i) * depth, depth, into: panel + i * stride) }
        }
      }
    #endif
    }
  }

  /// CONV_2D (one group): rows are output pixels; a row gathers the filter window (im2col), with
  /// taps in the padding set to the input zero point.
  public func conv2D(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry,
                     channels c: Int, scratch: UnsafeMutableRawPointer) {
    let zp = inputZeroPoint
    let rows = g.batches * g.outputHeight * g.outputWidth
    let pointwise = g.filterHeight == 1 && g.filterWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1
    switch engine {
    case .pairs(let packed, let r, let kernel):
      runPairs(packed, r, kernel, rows: rows, output: output, scratch: scratch) { m, row in
        if pointwise {
          s8Widen(input + m * c, c, into: row)
          return
        }
        var k = 0
        g.forEachWindowRun(pixel: m, channels: c, input: input) { source, count in
          if let source { s8Widen(source, count, into: row + k) } else { s8Fill(zp, count, into: row + k) }
          k += count
        }
      }
    #if canImport(MicroKernelsAvx512)
    case .quads(let q):
      let padding = Int8(truncatingIfNeeded: zp) ^ -128
      q.run(rows: rows, output: output, panel: scratch) { first, count, panel, stride in
        if pointwise {
          if stride == c {
            // Rows of the panel and of the input have the same stride: one run.
            S8Avx512.flipSigns(input + first * c, count * c, into: panel)
          } else {
            for i in 0..<count { S8Avx512.flipSigns(input + (first + i) * c, c, into: panel + i * stride) }
          }
          return
        }
        // The first pixel's coordinates by division, the others by stepping.
        var ox = first % g.outputWidth, t = first / g.outputWidth
        var oy = t % g.outputHeight
        var image = input + (t / g.outputHeight) * g.inputHeight * g.inputWidth * c
        let rowStride = g.inputWidth * c * g.dilationHeight, span = g.filterWidth * c
        for i in 0..<count {
          var row = panel + i * stride
          if let start = g.windowInside(x: ox, y: oy, image: image, channels: c) {
            S8Avx512.flipSignsWindow(start, rowStride: rowStride, rows: g.filterHeight, span: span, into: row)
          } else {
            g.forEachWindowRun(x: ox, y: oy, image: image, channels: c) { source, n in
              if let source { S8Avx512.flipSigns(source, n, into: row) } else { S8Avx512.fill(padding, n, into: row) }
              row += n
            }
          }
          ox += 1
          if ox == g.outputWidth {
            ox = 0
            oy += 1
            if oy == g.outputHeight { oy = 0; image += g.inputHeight * g.inputWidth * c }
          }
        }
      }
    #endif
    }
  }
}

extension WindowGeometry {
  /// Calls `body(source, count)` for the consecutive runs of output pixel `m`'s window in NHWC
  /// `input` with `c` channels (the im2col row): `count` input values at `source`, or `count`
  /// values of padding (`source` nil). A window row that lies inside the input is one run.
  @inlinable @inline(__always)
  public func forEachWindowRun(pixel m: Int, channels c: Int, input: UnsafePointer<Int8>,
                               _ body: (UnsafePointer<Int8>?, Int) -> Void) {
    let ox = m % outputWidth, t = m / outputWidth
    forEachWindowRun(x: ox, y: t % outputHeight, image: input + (t / outputHeight) * inputHeight * inputWidth * c,
                     channels: c, body)
  }

  /// The first value of output pixel (x: ox, y: oy)'s window when the whole window lies inside the
  /// image and each of its rows is one run (dilationWidth 1); nil otherwise.
  @inlinable @inline(__always)
  public func windowInside(x ox: Int, y oy: Int, image: UnsafePointer<Int8>, channels c: Int) -> UnsafePointer<Int8>? {
    let x0 = ox &* strideWidth &- padLeft, y0 = oy &* strideHeight &- padTop
    guard dilationWidth == 1, x0 >= 0, x0 &+ filterWidth <= inputWidth, y0 >= 0,
          y0 &+ (filterHeight &- 1) &* dilationHeight < inputHeight else { return nil }
    return image + (y0 &* inputWidth &+ x0) &* c
  }

  /// `forEachWindowRun` for output pixel (x: ox, y: oy) of the image at `image`.
  @inlinable @inline(__always)
  public func forEachWindowRun(x ox: Int, y oy: Int, image: UnsafePointer<Int8>, channels c: Int,
                               _ body: (UnsafePointer<Int8>?, Int) -> Void) {
    let x0 = ox &* strideWidth &- padLeft
    let rowSpan = filterWidth &* c
    let contiguous = dilationWidth == 1 && x0 >= 0 && x0 &+ filterWidth <= inputWidth
    for fy in 0..<filterHeight {
      let iy = oy &* strideHeight &- padTop &+ fy &* dilationHeight
      if iy < 0 || iy >= inputHeight {
        body(nil, rowSpan)
      } else if contiguous {
        body(image + (iy &* inputWidth &+ x0) &* c, rowSpan)
      } else {
        for fx in 0..<filterWidth {
          let ix = x0 &+ fx &* dilationWidth
          body(ix < 0 || ix >= inputWidth ? nil : image + (iy &* inputWidth &+ ix) &* c, c)
        }
      }
    }
  }
}
