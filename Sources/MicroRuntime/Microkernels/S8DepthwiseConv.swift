// Int8 DEPTHWISE_CONV_2D (depth multiplier 1), vectorized over channels. For each output pixel the
// driver lists the in-bounds taps (input pixel and filter tap pointers, an indirection buffer in
// scratch) and a microkernel from the catalog computes, for every channel,
// acc = bias + Σ_taps (x + inputOffset) · w — exactly the reference's sum, since taps outside the
// input add nothing there either — then one requantization pass writes the pixel. The filter
// [1, fH, fW, C] is channel-contiguous per tap, so it is used in place.

/// Computes `acc[c] = bias[c] + Σ_t (x[t][c] + offset) · w[t][c]` for `count` channels over `taps`
/// taps and writes `out[c]`, acc requantized by the S8Requantization at `requantization`; `acc` is
/// scratch for `count` + 16 Int32. (x + offset) lies in −255...255 and w in −128...127, so every
/// product fits in int16.
public typealias S8DepthwiseMicrokernel = @convention(c) (
  _ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>, _ w: UnsafePointer<UnsafePointer<Int8>>,
  _ offset: Int32, _ bias: UnsafePointer<Int32>, _ requantization: UnsafeRawPointer,
  _ acc: UnsafeMutablePointer<Int32>, _ out: UnsafeMutablePointer<Int8>
) -> Void

/// Plain loops, one channel at a time (the microkernel spec; every target).
public func s8DepthwiseScalar(_ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>,
                              _ w: UnsafePointer<UnsafePointer<Int8>>, _ offset: Int32, _ bias: UnsafePointer<Int32>,
                              _ requantization: UnsafeRawPointer, _ acc: UnsafeMutablePointer<Int32>,
                              _ out: UnsafeMutablePointer<Int8>) {
  s8DepthwiseRemainder(from: 0, count, taps, x, w, offset, bias, requantization.load(as: S8Requantization.self), acc, out)
}

/// Channel-vectorizable loops: the accumulators of all channels live in `acc`, each tap adds one
/// widening 16-bit multiply per channel (auto-vectorized on every target).
public func s8DepthwiseChannelsLoop(_ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>,
                                    _ w: UnsafePointer<UnsafePointer<Int8>>, _ offset: Int32,
                                    _ bias: UnsafePointer<Int32>, _ requantization: UnsafeRawPointer,
                                    _ acc: UnsafeMutablePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  for c in 0..<count { acc[c] = bias[c] }
  let o = Int16(truncatingIfNeeded: offset)
  for t in 0..<taps {
    let xt = x[t], wt = w[t]
    for c in 0..<count { acc[c] &+= Int32((Int16(xt[c]) &+ o) &* Int16(wt[c])) }
  }
  requantization.load(as: S8Requantization.self).applyBlocks(acc, count: count, into: out)
}

/// The channels `start` ..< `count` one at a time: the scalar microkernel (from 0), and what a vector
/// microkernel leaves over.
@inline(__always)
func s8DepthwiseRemainder(from start: Int, _ count: Int, _ taps: Int, _ x: UnsafePointer<UnsafePointer<Int8>>,
                          _ w: UnsafePointer<UnsafePointer<Int8>>, _ offset: Int32, _ bias: UnsafePointer<Int32>,
                          _ q: S8Requantization, _ acc: UnsafeMutablePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  guard start < count else { return }
  for c in start..<count {
    var sum = bias[c]
    for t in 0..<taps { sum &+= (Int32(x[t][c]) &+ offset) &* Int32(w[t][c]) }
    acc[c] = sum
  }
  q.apply(acc + start, channel: start, count: count - start, into: out + start)
}

/// A prepared int8 depthwise convolution.
public struct S8DepthwisePlan: BitwiseCopyable {
  /// How the convolution runs.
  public enum Engine: BitwiseCopyable {
    /// The catalog's microkernel over the in-bounds taps of each pixel (every target), with the
    /// per-channel requantization and, when the node has no bias, `channels` zeros (persistent).
    case channels(S8Requantization, S8DepthwiseMicrokernel, zeroBias: UnsafeMutablePointer<Int32>?)
    #if canImport(MicroKernelsAvx512)
    /// On AVX-512 VNNI processors when filter and bias are constant: MicroKernelsAvx512's kernel and
    /// its own driver (S8FoldedDepthwise.run).
    case folded(S8FoldedDepthwise)
    #endif
  }
  /// The engine with its prepared data.
  public var engine: Engine
  /// −zp_in.
  public var inputOffset: Int32
  /// Scratch: `.channels`: `channels` Int32 accumulators (64 more for a vector tail), two
  /// indirection buffers of fH·fW pointers, then a copy of the requantization for the microkernel;
  /// `.folded`: fH·fW pointers.
  public var scratchSlot: Int

  /// A plan for the catalog's microkernel `kernel` (the tests build them over their own arrays).
  public init(requantization: S8Requantization, inputOffset: Int32, scratchSlot: Int, kernel: S8DepthwiseMicrokernel,
              zeroBias: UnsafeMutablePointer<Int32>?) {
    self.init(engine: .channels(requantization, kernel, zeroBias: zeroBias), inputOffset: inputOffset,
              scratchSlot: scratchSlot)
  }

  public init(engine: Engine, inputOffset: Int32, scratchSlot: Int) {
    self.engine = engine
    self.inputOffset = inputOffset
    self.scratchSlot = scratchSlot
  }

  /// Prepares the engine the catalog chooses (its requantization, folded bias or zeros) and
  /// requests the scratch.
  public static func make(_ ctx: inout PrepareContext, channels: Int, taps: Int, filter: TensorView, bias: TensorView?,
                          requantization q: ChannelRequantization) throws(MicroError) -> S8DepthwisePlan {
    #if canImport(MicroKernelsAvx512)
    if MicrokernelCatalog.hasAvx512, filter.isConstant, bias?.isConstant ?? true, let f = filter.data {
      let folded = try S8FoldedDepthwise.make(
        &ctx, filter: UnsafePointer(f.assumingMemoryBound(to: Int8.self)),
        bias: bias.flatMap { $0.data.map { UnsafePointer($0.assumingMemoryBound(to: Int32.self)) } },
        channels: channels, taps: taps, requantization: q)
      let scratch = try ctx.requestScratch(bytes: taps * MemoryLayout<UnsafePointer<Int8>>.stride)
      return S8DepthwisePlan(engine: .folded(folded), inputOffset: q.inputOffset, scratchSlot: scratch.slot)
    }
    #endif
    let r = try S8Requantization.make(&ctx, q)
    let scratch = try ctx.requestScratch(bytes: scratchBytes(channels: channels, taps: taps))
    var zeros: UnsafeMutablePointer<Int32>? = nil
    if bias == nil {
      let z = try ctx.allocatePersistent(bytes: channels * 4, alignment: 16).assumingMemoryBound(to: Int32.self)
      if ctx.materializes { z.initialize(repeating: 0, count: channels) }
      zeros = z
    }
    return S8DepthwisePlan(requantization: r, inputOffset: q.inputOffset, scratchSlot: scratch.slot,
                           kernel: MicrokernelCatalog.s8Depthwise.kernel, zeroBias: zeros)
  }

  /// Scratch bytes of the `.channels` engine for `channels` channels and `taps` filter taps.
  public static func scratchBytes(channels: Int, taps: Int) -> Int {
    (channels * 4 + 64 + 31) & ~31 + 2 * taps * MemoryLayout<UnsafePointer<Int8>>.stride
      + MemoryLayout<S8Requantization>.stride
  }

  /// Runs the convolution (depth multiplier 1).
  public func run(input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
                  output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, channels c: Int,
                  scratch: UnsafeMutableRawPointer) {
    switch engine {
    case .channels(let requantization, let kernel, let zeroBias):
      runChannels(requantization, kernel, zeroBias, input: input, filter: filter, bias: bias, output: output,
                  geometry: g, channels: c, scratch: scratch)
    #if canImport(MicroKernelsAvx512)
    case .folded(let folded):
      folded.run(input: input, output: output, geometry: g, channels: c,
                 xs: scratch.bindMemory(to: UnsafePointer<Int8>.self, capacity: g.filterHeight * g.filterWidth))
    #endif
    }
  }

  /// The `.channels` engine: per output pixel, the in-bounds taps, then the microkernel.
  func runChannels(_ requantization: S8Requantization, _ kernel: S8DepthwiseMicrokernel,
                   _ zeroBias: UnsafeMutablePointer<Int32>?, input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>,
                   bias: UnsafePointer<Int32>?, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry,
                   channels c: Int, scratch: UnsafeMutableRawPointer) {
    let acc = scratch.bindMemory(to: Int32.self, capacity: c)
    let taps = g.filterHeight * g.filterWidth
    let pointers = (scratch + ((c * 4 + 64 + 31) & ~31)).bindMemory(to: UnsafePointer<Int8>.self, capacity: 2 * taps)
    let xs = pointers, ws = pointers + taps
    let q = UnsafeMutableRawPointer(pointers + 2 * taps)
    q.storeBytes(of: requantization, as: S8Requantization.self)
    let b0 = bias ?? UnsafePointer(zeroBias!)
    var out = output
    for b in 0..<g.batches {
      let image = input + b * g.inputHeight * g.inputWidth * c
      for oy in 0..<g.outputHeight {
        let y0 = oy * g.strideHeight - g.padTop
        for ox in 0..<g.outputWidth {
          let x0 = ox * g.strideWidth - g.padLeft
          var n = 0
          for fy in 0..<g.filterHeight {
            let iy = y0 + fy * g.dilationHeight
            if iy < 0 || iy >= g.inputHeight { continue }
            let inputRow = image + iy * g.inputWidth * c
            let filterRow = filter + fy * g.filterWidth * c
            for fx in 0..<g.filterWidth {
              let ix = x0 + fx * g.dilationWidth
              if ix < 0 || ix >= g.inputWidth { continue }
              xs[n] = inputRow + ix * c
              ws[n] = filterRow + fx * c
              n += 1
            }
          }
          kernel(c, n, xs, ws, inputOffset, b0, UnsafeRawPointer(q), acc, out)
          out += c
        }
      }
    }
  }
}
