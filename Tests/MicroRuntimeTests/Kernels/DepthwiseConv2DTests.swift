@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class DepthwiseConv2DTests: XCTestCase {
  func testDepthMultiplierChannelOrder() {
    // One pixel, input channels [1, 2], multiplier 2: output channel i·2 + m reads input channel i.
    let g = WindowGeometry(batches: 1, inputHeight: 1, inputWidth: 1, outputHeight: 1, outputWidth: 1,
                           filterHeight: 1, filterWidth: 1, strideHeight: 1, strideWidth: 1,
                           dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
    var out = [Float](repeating: 0, count: 4)
    Reference.depthwiseConv2D(input: [1, 2], filter: [1, 2, 3, 4], bias: [0, 0, 0, 0.5], output: &out, geometry: g,
                              inputChannels: 2, depthMultiplier: 2, clamp: .none)
    XCTAssertEqual(out, [1, 2, 6, 8.5])
    // relu6 clamps 8.5 to 6.
    Reference.depthwiseConv2D(input: [1, 2], filter: [1, 2, 3, 4], bias: [0, 0, 0, 0.5], output: &out, geometry: g,
                              inputChannels: 2, depthMultiplier: 2, clamp: FloatClamp(low: 0, high: 6))
    XCTAssertEqual(out, [1, 2, 6, 6])
  }

  func testDilatedInt8ByHand() {
    // 1x3 input row, 2-tap filter with dilation 2 → the taps read columns 0 and 2.
    let g = WindowGeometry(batches: 1, inputHeight: 1, inputWidth: 3, outputHeight: 1, outputWidth: 1,
                           filterHeight: 1, filterWidth: 2, strideHeight: 1, strideWidth: 1,
                           dilationHeight: 1, dilationWidth: 2, padTop: 0, padLeft: 0)
    var m = QuantizedMultiplier(0.25)
    var out: [Int8] = [0]
    withUnsafeMutablePointer(to: &m) { mp in
      // Input zero point 2 → offset −2: (10−2)·3 + (−6−2)·1 = 16; 16 · 0.25 = 4; − 5 = −1.
      let q = ChannelRequantization(multipliers: mp, channels: 1, inputOffset: -2, outputOffset: -5,
                                    clamp: QuantizedClamp(low: -128, high: 127))
      Reference.depthwiseConv2D(input: [10, 99, -6], filter: [3, 1], bias: nil, output: &out, geometry: g,
                                inputChannels: 1, depthMultiplier: 1, requantization: q)
    }
    XCTAssertEqual(out, [-1])
  }

  /// Hybrid DEPTHWISE_CONV_2D matches LiteRT's builtin kernel bit for bit on these fixtures.
  func testHybridAccuracy() throws {
    for name in ["hybrid_depthwise_same", "hybrid_depthwise_m2_s2_relu6_batch2", "hybrid_depthwise_dilation2"] {
      let e = try maxRelativeError(name, "hybrid")
      print("\(name): max relative error vs LiteRT \(e)")
      XCTAssertEqual(e, 0, name)
    }
  }

  func testRejectsInconsistentDepthMultiplier() throws {
    let e = try openPatched("depthwise_m2_same_s1", "float") { buf, m in
      let t = m.subgraphs[0].operators[0].builtinOptionsAsDepthwiseConv2DOptions!.table
      buf.storeBytes(of: Int32(3), toByteOffset: fieldPosition(t, 3), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .invalidOption)
    XCTAssertEqual(e?.expected, 2)
    XCTAssertEqual(e?.found, 3)
  }

  func testRejectsPerChannelAxis() throws {
    // Depthwise filters are quantized along axis 3; moving the axis to 0 (size 1) is refused.
    let e = try openPatched("depthwise_m1_same_s1", "int8") { buf, m in
      let q = m.subgraphs[0].tensors[op0Input(m, 1)].quantization!
      buf.storeBytes(of: Int32(0), toByteOffset: fieldPosition(q.table, 6), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .quantizationChannelMismatch, "\(String(describing: e))")
  }
}
