// The AVX-512 VNNI engines (MicroKernelsAvx512) against the reference kernels, bit for bit, on many
// shapes. They run only on processors that have AVX-512 VNNI; elsewhere these tests are skipped
// and say so.
#if canImport(MicroKernelsAvx512)
@testable import MicroRuntime
import MicroKernelsAvx512
import MoteTestSupport
import XCTest

/// Raw memory for a test's packed data (64-byte aligned, as the arena gives it).
private final class AlignedBytes {
  let pointer: UnsafeMutableRawPointer
  init(_ count: Int) {
    pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 64)
    pointer.initializeMemory(as: UInt8.self, repeating: 0xA5, count: max(count, 1))
  }
  deinit { pointer.deallocate() }
}

final class S8Avx512Tests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(S8Avx512.isUsable, "this processor has no AVX-512 VNNI")
  }

  private func quadGemm(_ w: [Int8], _ bias: [Int32]?, channels: Int, depth: Int, _ q: ChannelRequantization,
                        singleRounding: Bool, _ keep: inout [AlignedBytes]) -> S8QuadGemm {
    let weights = AlignedBytes(S8Avx512.weightBytes(channels: channels, depth: depth))
    let folded = AlignedBytes(S8Avx512.biasBytes(channels: channels))
    let requantization = AlignedBytes(S8Avx512.requantizationBytes(channels: channels))
    w.withUnsafeBufferPointer { wp in
      if let bias {
        bias.withUnsafeBufferPointer {
          S8Avx512.packGemm(weights: wp.baseAddress!, bias: $0.baseAddress!, channels: channels, depth: depth,
                            inputZeroPoint: -q.inputOffset, packed: weights.pointer, folded: folded.pointer)
        }
      } else {
        S8Avx512.packGemm(weights: wp.baseAddress!, bias: nil, channels: channels, depth: depth,
                          inputZeroPoint: -q.inputOffset, packed: weights.pointer, folded: folded.pointer)
      }
    }
    S8Avx512.fillRequantization(requantization.pointer, channels: channels, singleRounding: singleRounding) {
      (q.multipliers[$0].multiplier, q.multipliers[$0].shift)
    }
    keep += [weights, folded, requantization]
    return S8QuadGemm(weights: weights.pointer, bias: folded.pointer, requantization: requantization.pointer,
                      channels: channels, depth: depth, outputOffset: q.outputOffset, low: q.clamp.low, high: q.clamp.high)
  }

  func testFullyConnectedMatchesReference() {
    var rng = S8TestRandom(11)
    for rows in [1, 2, 11, 12, 13, 25] {
      for channels in [1, 8, 15, 16, 17, 40] {
        for depth in [1, 3, 4, 5, 16, 27, 100, 257] {
          let rq = S8TestRequantization(&rng, channels: channels)
          let x = rng.int8s(rows * depth), w = rng.int8s(channels * depth)
          let bias: [Int32]? = rng.int(0...3) == 0 ? nil : (0..<channels).map { _ in Int32(rng.int(-50_000...50_000)) }
          var expected = [Int8](repeating: 0, count: rows * channels), got = expected
          var keep: [AlignedBytes] = []
          rq.with(singleRounding: true) { q, _ in
            Reference.fullyConnected(input: x, weights: w, bias: bias, output: &expected, batches: rows, inputSize: depth,
                                     units: channels, requantization: q)
            let g = quadGemm(w, bias, channels: channels, depth: depth, q, singleRounding: true, &keep)
            let plan = S8GemmPlan(engine: .quads(g), scratchSlot: 0, inputZeroPoint: Int16(-q.inputOffset))
            let scratch = AlignedBytes(S8QuadGemm.panelBytes(depth: depth))
            x.withUnsafeBufferPointer { xp in
              got.withUnsafeMutableBufferPointer {
                plan.fullyConnected(input: xp.baseAddress!, output: $0.baseAddress!, rows: rows, scratch: scratch.pointer)
              }
            }
          }
          MicrokernelTester.check(got, expected, "s8GemmTile12x16Avx512Vnni", "rows \(rows) channels \(channels) depth \(depth)")
        }
      }
    }
  }

  func testConv2DMatchesReference() {
    var rng = S8TestRandom(12)
    // (batches, inH, inW, inC, outC, fH, fW, stride, dilation, same padding)
    let shapes: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, Bool)] = [
      (1, 9, 9, 3, 16, 3, 3, 2, 1, true), (1, 7, 6, 3, 32, 3, 3, 2, 1, true), (2, 4, 4, 5, 9, 1, 1, 1, 1, false),
      (1, 6, 6, 4, 7, 1, 1, 2, 1, false), (1, 8, 8, 2, 5, 3, 3, 1, 2, true), (1, 5, 7, 6, 12, 2, 3, 1, 1, false),
      (1, 9, 9, 1, 3, 5, 5, 2, 1, true), (1, 3, 3, 16, 24, 3, 3, 1, 1, true), (1, 7, 5, 24, 144, 1, 1, 1, 1, false),
      (1, 5, 5, 8, 17, 3, 3, 1, 1, false),
    ]
    for (batches, inH, inW, inC, outC, fH, fW, stride, dilation, same) in shapes {
      let g = Self.geometry(batches, inH, inW, fH, fW, stride, dilation, same)
      let depth = fH * fW * inC
      let rq = S8TestRequantization(&rng, channels: outC)
      let x = rng.int8s(batches * inH * inW * inC), w = rng.int8s(outC * depth)
      let bias: [Int32] = (0..<outC).map { _ in Int32(rng.int(-50_000...50_000)) }
      let count = batches * g.outputHeight * g.outputWidth * outC
      var expected = [Int8](repeating: 0, count: count), got = expected
      var keep: [AlignedBytes] = []
      rq.with { q, _ in
        Reference.conv2D(input: x, filter: w, bias: bias, output: &expected, geometry: g, inputChannels: inC,
                         filterChannels: inC, outputChannels: outC, requantization: q)
        let quads = quadGemm(w, bias, channels: outC, depth: depth, q, singleRounding: false, &keep)
        let plan = S8GemmPlan(engine: .quads(quads), scratchSlot: 0, inputZeroPoint: Int16(-q.inputOffset))
        let scratch = AlignedBytes(S8QuadGemm.panelBytes(depth: depth))
        x.withUnsafeBufferPointer { xp in
          got.withUnsafeMutableBufferPointer {
            plan.conv2D(input: xp.baseAddress!, output: $0.baseAddress!, geometry: g, channels: inC, scratch: scratch.pointer)
          }
        }
      }
      MicrokernelTester.check(got, expected, "s8GemmTile12x16Avx512Vnni", "\(inH)x\(inW)x\(inC) → \(outC), \(fH)x\(fW) stride \(stride)")
    }
  }

  func testDepthwiseMatchesReference() {
    var rng = S8TestRandom(13)
    // (batches, inH, inW, C, fH, fW, stride, dilation, same padding)
    let shapes: [(Int, Int, Int, Int, Int, Int, Int, Int, Bool)] = [
      (1, 5, 5, 8, 3, 3, 1, 1, true), (1, 7, 6, 16, 3, 3, 2, 1, true), (2, 4, 4, 5, 3, 3, 1, 1, false),
      (1, 9, 9, 33, 3, 3, 2, 1, false), (1, 8, 8, 7, 3, 3, 1, 2, true), (1, 6, 7, 24, 5, 5, 1, 1, true),
      (1, 3, 3, 1, 3, 3, 1, 1, true), (1, 10, 10, 96, 3, 3, 2, 1, true), (1, 4, 5, 17, 2, 3, 1, 1, true),
      (1, 12, 12, 32, 3, 3, 1, 1, true), (1, 2, 9, 16, 3, 3, 1, 1, true),
    ]
    for (batches, inH, inW, c, fH, fW, stride, dilation, same) in shapes {
      for withBias in [true, false] {
        let g = Self.geometry(batches, inH, inW, fH, fW, stride, dilation, same)
        let taps = fH * fW
        let rq = S8TestRequantization(&rng, channels: c)
        let x = rng.int8s(batches * inH * inW * c), w = rng.int8s(taps * c)
        let bias: [Int32] = (0..<c).map { _ in Int32(rng.int(-50_000...50_000)) }
        let count = batches * g.outputHeight * g.outputWidth * c
        var expected = [Int8](repeating: 0, count: count), got = expected
        let filter = AlignedBytes(S8Avx512.depthwiseFilterBytes(channels: c, taps: taps))
        let folded = AlignedBytes(S8Avx512.biasBytes(channels: c))
        let requantization = AlignedBytes(S8Avx512.requantizationBytes(channels: c))
        let padding = AlignedBytes(c)
        let xs = UnsafeMutablePointer<UnsafePointer<Int8>>.allocate(capacity: taps)
        defer { xs.deallocate() }
        rq.with { q, _ in
          Reference.depthwiseConv2D(input: x, filter: w, bias: withBias ? bias : nil, output: &expected, geometry: g,
                                    inputChannels: c, depthMultiplier: 1, requantization: q)
          w.withUnsafeBufferPointer { wp in
            bias.withUnsafeBufferPointer { bp in
              S8Avx512.packDepthwise(filter: wp.baseAddress!, bias: withBias ? bp.baseAddress! : nil, channels: c,
                                     taps: taps, inputOffset: q.inputOffset, widened: filter.pointer, folded: folded.pointer)
            }
          }
          S8Avx512.fillRequantization(requantization.pointer, channels: c, singleRounding: false) {
            (q.multipliers[$0].multiplier, q.multipliers[$0].shift)
          }
          let zp = padding.pointer.bindMemory(to: Int8.self, capacity: c)
          zp.update(repeating: Int8(-q.inputOffset), count: c)
          let plan = S8FoldedDepthwise(filter: filter.pointer, bias: folded.pointer, requantization: requantization.pointer,
                                       padding: zp, outputOffset: q.outputOffset, low: q.clamp.low, high: q.clamp.high)
          x.withUnsafeBufferPointer { xp in
            got.withUnsafeMutableBufferPointer {
              plan.run(input: xp.baseAddress!, output: $0.baseAddress!, geometry: g, channels: c, xs: xs)
            }
          }
        }
        MicrokernelTester.check(got, expected, "s8DepthwiseChannels16Avx512",
                                "\(inH)x\(inW)x\(c) \(fH)x\(fW) stride \(stride) dilation \(dilation) bias \(withBias)")
      }
    }
  }

  /// The requantization at the ends of the int32 range and of the shift range, through a 1×1
  /// product with one input of 1 (acc = bias): every channel's multiplier and shift is one
  /// extreme, every row's bias another.
  func testRequantizationExtremes() {
    let shifts: [Int32] = [-31, -30, -17, -1, 0, 1, 7, 30]
    let multipliers: [Int32] = [0, 1 << 30, (1 << 30) + 1, Int32.max - 1, Int32.max]
    var pairs = [QuantizedMultiplier]()
    for s in shifts { for m in multipliers { pairs.append(QuantizedMultiplier(multiplier: m, shift: s)) } }
    let accumulators: [Int32] = [Int32.min, Int32.min + 1, -(1 << 30) - 1, -(1 << 30), -65_537, -3, -2, -1, 0, 1, 2, 3,
                                 1 << 15, (1 << 30) - 1, Int32.max - 1, Int32.max]
    for single in [false, true] {
      let channels = pairs.count
      var expected = [Int8](), got = [Int8]()
      var keep: [AlignedBytes] = []
      var storage = pairs
      storage.withUnsafeMutableBufferPointer { m in
        let q = ChannelRequantization(multipliers: m.baseAddress!, channels: channels, inputOffset: 0, outputOffset: 3,
                                      clamp: QuantizedClamp(low: -128, high: 127))
        for acc in accumulators {
          // acc = bias + 1·0: a zero weight column, bias = acc.
          let w = [Int8](repeating: 0, count: channels), bias = [Int32](repeating: acc, count: channels)
          let g = quadGemm(w, bias, channels: channels, depth: 1, q, singleRounding: single, &keep)
          let plan = S8GemmPlan(engine: .quads(g), scratchSlot: 0, inputZeroPoint: 0)
          let scratch = AlignedBytes(S8QuadGemm.panelBytes(depth: 1))
          var row = [Int8](repeating: 0, count: channels)
          let x: [Int8] = [1]
          x.withUnsafeBufferPointer { xp in
            row.withUnsafeMutableBufferPointer {
              plan.fullyConnected(input: xp.baseAddress!, output: $0.baseAddress!, rows: 1, scratch: scratch.pointer)
            }
          }
          got += row
          for c in 0..<channels {
            let p = pairs[c]
            let v = single ? S8Requantization.scaleOnce(acc, multiplier: p.multiplier, right: 31 - p.shift)
                           : p.apply(acc)
            // The output offset is added in wrapping int32 arithmetic, as the reference kernels do.
            expected.append(Int8(min(max(v &+ 3, -128), 127)))
          }
        }
      }
      MicrokernelTester.check(got, expected, "s8GemmTile12x16Avx512Vnni", "extremes, single rounding \(single)")
    }
  }

  static func geometry(_ batches: Int, _ inH: Int, _ inW: Int, _ fH: Int, _ fW: Int, _ stride: Int, _ dilation: Int,
                       _ same: Bool) -> WindowGeometry {
    let padding: TFLite.Padding = same ? .same : .valid
    let outH = WindowGeometry.outputSize(padding, input: inH, filter: fH, stride: stride, dilation: dilation)
    let outW = WindowGeometry.outputSize(padding, input: inW, filter: fW, stride: stride, dilation: dilation)
    return WindowGeometry(
      batches: batches, inputHeight: inH, inputWidth: inW, outputHeight: outH, outputWidth: outW,
      filterHeight: fH, filterWidth: fW, strideHeight: stride, strideWidth: stride,
      dilationHeight: dilation, dilationWidth: dilation,
      padTop: WindowGeometry.leadingPad(input: inH, filter: fH, stride: stride, dilation: dilation, output: outH),
      padLeft: WindowGeometry.leadingPad(input: inW, filter: fW, stride: stride, dilation: dilation, output: outW))
  }
}
#endif
