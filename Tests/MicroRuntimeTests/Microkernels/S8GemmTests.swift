@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// A small deterministic generator for the int8 microkernel tests.
struct S8TestRandom {
  var state: UInt64
  init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
  mutating func next() -> UInt64 {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17
    return state
  }
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }
  mutating func int8s(_ n: Int) -> [Int8] { (0..<n).map { _ in Int8(truncatingIfNeeded: int(-128...127)) } }
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
  /// A requantization multiplier: mostly the usual < 1, sometimes > 1 (left shifts), sometimes tiny.
  mutating func multiplier() -> QuantizedMultiplier {
    switch int(0...9) {
    case 0: return QuantizedMultiplier(1 + unit() * 6)
    case 1: return QuantizedMultiplier(unit() * 1e-9)
    default: return QuantizedMultiplier(unit() * 0.05 + 1e-6)
    }
  }
}

/// Owns the memory of a ChannelRequantization and its S8Requantization for a test.
final class S8TestRequantization {
  var multipliers: [QuantizedMultiplier]
  var params: [Int32]
  let channels: Int, inputOffset: Int32, outputOffset: Int32, clamp: QuantizedClamp

  init(_ rng: inout S8TestRandom, channels: Int) {
    self.channels = channels
    multipliers = (0..<channels).map { _ in rng.multiplier() }
    params = [Int32](repeating: 0, count: 3 * channels + 16)
    inputOffset = -Int32(rng.int(-128...127))
    outputOffset = Int32(rng.int(-128...127))
    let a = Int32(rng.int(-128...127)), b = Int32(rng.int(-128...127))
    clamp = rng.int(0...1) == 0 ? QuantizedClamp(low: -128, high: 127) : QuantizedClamp(low: min(a, b), high: max(a, b))
  }

  func with<R>(requantize8: S8Requantize8Microkernel = MicrokernelCatalog.s8Requantize8.kernel, singleRounding: Bool = false,
               _ body: (ChannelRequantization, S8Requantization) -> R) -> R {
    multipliers.withUnsafeMutableBufferPointer { m in
      params.withUnsafeMutableBufferPointer { p in
        let q = ChannelRequantization(multipliers: m.baseAddress!, channels: channels, inputOffset: inputOffset,
                                      outputOffset: outputOffset, clamp: clamp)
        let base = p.baseAddress!
        let r = S8Requantization(multiplier: base, left: base + channels, right: base + 2 * channels,
                                 outputOffset: outputOffset, low: clamp.low, high: clamp.high,
                                 params: base + 3 * channels,
                                 requantize8: singleRounding ? MicrokernelCatalog.s8Requantize8SingleRounding.kernel : requantize8,
                                 singleRounding: singleRounding)
        r.fill(q)
        return body(q, r)
      }
    }
  }
}

/// Builds a GEMM plan over caller-owned arrays for a test.
func withS8Plan<R>(weights: [Int8], bias: [Int32]?, channels: Int, depth: Int, requantization q: ChannelRequantization,
                   s8 r: S8Requantization, kernel: S8GemmMicrokernel,
                   _ body: (S8GemmPlan, UnsafeMutableRawPointer) -> R) -> R {
  let size = S8PackedWeights.bytes(channels: channels, depth: depth)
  var packed = [Int8](repeating: 0, count: size.weights)
  var folded = [Int32](repeating: 0, count: size.bias / 4)
  let depthPadded = (depth + 1) / 2 * 2
  var scratch = [UInt8](repeating: 0xA5, count: S8GemmPlan.panelBytes(depthPadded) + MemoryLayout<S8Requantization>.stride + 64)
  return packed.withUnsafeMutableBufferPointer { pw in
    folded.withUnsafeMutableBufferPointer { pb in
      scratch.withUnsafeMutableBytes { s in
        let p = S8PackedWeights(weights: pw.baseAddress!, bias: pb.baseAddress!, channels: channels, depth: depth,
                                depthPadded: depthPadded)
        weights.withUnsafeBufferPointer { w in
          if let bias {
            bias.withUnsafeBufferPointer { p.fill(weights: w.baseAddress!, bias: $0.baseAddress!, inputZeroPoint: -q.inputOffset) }
          } else {
            p.fill(weights: w.baseAddress!, bias: nil, inputZeroPoint: -q.inputOffset)
          }
        }
        let plan = S8GemmPlan(packed: p, requantization: r, kernel: kernel, scratchSlot: 0,
                              inputZeroPoint: Int16(-q.inputOffset))
        return body(plan, s.baseAddress!)
      }
    }
  }
}

final class S8GemmTests: XCTestCase {
  func testRequantizationMatchesReference() {
    var rng = S8TestRandom(1)
    let channels = 64
    let rq = S8TestRequantization(&rng, channels: channels)
    rq.with { q, r in
      var acc = [Int32](repeating: 0, count: channels)
      var out = [Int8](repeating: 0, count: channels)
      for round in 0..<2000 {
        for c in 0..<channels {
          switch (round + c) % 5 {
          case 0: acc[c] = Int32(truncatingIfNeeded: rng.next())
          case 1: acc[c] = [Int32.min, Int32.max, 0, -1, 1][rng.int(0...4)]
          default: acc[c] = Int32(rng.int(-300_000...300_000))
          }
        }
        let start = rng.int(0...channels - 1)
        let count = rng.int(0...channels - start)
        acc.withUnsafeBufferPointer { a in
          out.withUnsafeMutableBufferPointer { o in r.apply(a.baseAddress! + start, channel: start, count: count, into: o.baseAddress!) }
        }
        for j in 0..<count {
          XCTAssertEqual(out[j], q.output(acc[start + j], channel: start + j), "acc \(acc[start + j]) channel \(start + j)")
        }
      }
    }
  }

  func testEveryRequantize8VariantMatchesReference() {
    var variants: [S8Requantize8Variant] = []
    MicrokernelCatalog.forEachS8Requantize8 { variants.append($0) }
    XCTAssertGreaterThanOrEqual(variants.count, 1)
    var rng = S8TestRandom(6)
    for v in variants {
      for _ in 0..<50 {
        let channels = 32
        let rq = S8TestRequantization(&rng, channels: channels)
        rq.with(requantize8: v.kernel) { q, r in
          var acc = [Int32](repeating: 0, count: channels)
          var out = [Int8](repeating: 0, count: 8)
          for round in 0..<200 {
            for c in 0..<channels {
              switch (round + c) % 5 {
              case 0: acc[c] = Int32(truncatingIfNeeded: rng.next())
              case 1: acc[c] = [Int32.min, Int32.max, 0, -1, 1][rng.int(0...4)]
              default: acc[c] = Int32(rng.int(-300_000...300_000))
              }
            }
            let start = rng.int(0...channels - 8)
            acc.withUnsafeBufferPointer { a in
              out.withUnsafeMutableBufferPointer { o in r.apply8(a.baseAddress! + start, channel: start, into: o.baseAddress!) }
            }
            for j in 0..<8 {
              XCTAssertEqual(out[j], q.output(acc[start + j], channel: start + j), "\(v.name) acc \(acc[start + j])")
            }
          }
        }
      }
    }
  }

  func testEveryVariantMatchesFullyConnectedReferenceWithSingleRounding() {
    var variants: [S8GemmVariant] = []
    MicrokernelCatalog.forEachS8Gemm { variants.append($0) }
    XCTAssertGreaterThanOrEqual(variants.count, 2)
    var rng = S8TestRandom(2)
    for v in variants {
      for rows in [1, 3, 4, 5, 9] {
        for channels in [1, 7, 8, 9, 17, 24] {
          for depth in [1, 2, 3, 8, 15, 16, 33, 100] {
            let rq = S8TestRequantization(&rng, channels: channels)
            let x = rng.int8s(rows * depth), w = rng.int8s(channels * depth)
            let bias: [Int32]? = rng.int(0...3) == 0 ? nil : (0..<channels).map { _ in Int32(rng.int(-50_000...50_000)) }
            var expected = [Int8](repeating: 0, count: rows * channels)
            var got = [Int8](repeating: 0, count: rows * channels)
            rq.with(singleRounding: true) { q, r in
              Reference.fullyConnected(input: x, weights: w, bias: bias, output: &expected, batches: rows, inputSize: depth,
                                       units: channels, requantization: q)
              withS8Plan(weights: w, bias: bias, channels: channels, depth: depth, requantization: q, s8: r,
                         kernel: v.kernel) { plan, scratch in
                x.withUnsafeBufferPointer { xp in
                  got.withUnsafeMutableBufferPointer { plan.fullyConnected(input: xp.baseAddress!, output: $0.baseAddress!, rows: rows, scratch: scratch) }
                }
              }
            }
            MicrokernelTester.check(got, expected, v.name, "rows \(rows) channels \(channels) depth \(depth)")
          }
        }
      }
    }
  }

  func testEveryVariantMatchesConv2DReference() {
    var variants: [S8GemmVariant] = []
    MicrokernelCatalog.forEachS8Gemm { variants.append($0) }
    var rng = S8TestRandom(3)
    // (batches, inH, inW, inC, outC, fH, fW, stride, dilation, same padding)
    let shapes: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, Bool)] = [
      (1, 5, 5, 3, 8, 3, 3, 1, 1, true), (1, 7, 6, 3, 16, 3, 3, 2, 1, true), (2, 4, 4, 5, 9, 1, 1, 1, 1, false),
      (1, 6, 6, 4, 7, 1, 1, 2, 1, false), (1, 8, 8, 2, 5, 3, 3, 1, 2, true), (1, 5, 7, 6, 12, 2, 3, 1, 1, false),
      (1, 9, 9, 1, 3, 5, 5, 2, 1, true), (1, 3, 3, 16, 24, 3, 3, 1, 1, true),
    ]
    for v in variants {
      for (batches, inH, inW, inC, outC, fH, fW, stride, dilation, same) in shapes {
        let padding: TFLite.Padding = same ? .same : .valid
        let outH = WindowGeometry.outputSize(padding, input: inH, filter: fH, stride: stride, dilation: dilation)
        let outW = WindowGeometry.outputSize(padding, input: inW, filter: fW, stride: stride, dilation: dilation)
        let g = WindowGeometry(
          batches: batches, inputHeight: inH, inputWidth: inW, outputHeight: outH, outputWidth: outW,
          filterHeight: fH, filterWidth: fW, strideHeight: stride, strideWidth: stride,
          dilationHeight: dilation, dilationWidth: dilation,
          padTop: WindowGeometry.leadingPad(input: inH, filter: fH, stride: stride, dilation: dilation, output: outH),
          padLeft: WindowGeometry.leadingPad(input: inW, filter: fW, stride: stride, dilation: dilation, output: outW))
        let depth = fH * fW * inC
        let rq = S8TestRequantization(&rng, channels: outC)
        let x = rng.int8s(batches * inH * inW * inC), w = rng.int8s(outC * depth)
        let bias: [Int32] = (0..<outC).map { _ in Int32(rng.int(-50_000...50_000)) }
        let count = batches * outH * outW * outC
        var expected = [Int8](repeating: 0, count: count), got = [Int8](repeating: 0, count: count)
        rq.with { q, r in
          Reference.conv2D(input: x, filter: w, bias: bias, output: &expected, geometry: g, inputChannels: inC,
                           filterChannels: inC, outputChannels: outC, requantization: q)
          withS8Plan(weights: w, bias: bias, channels: outC, depth: depth, requantization: q, s8: r, kernel: v.kernel) { plan, s in
            x.withUnsafeBufferPointer { xp in
              got.withUnsafeMutableBufferPointer { plan.conv2D(input: xp.baseAddress!, output: $0.baseAddress!, geometry: g, channels: inC, scratch: s) }
            }
          }
        }
        MicrokernelTester.check(got, expected, v.name, "\(inH)x\(inW)x\(inC) → \(outC), \(fH)x\(fW) stride \(stride)")
      }
    }
  }
}
