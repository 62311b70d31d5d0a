@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class FullyConnectedTests: XCTestCase {
  func testInt8ByHand() {
    // Two units over three inputs, input zero point 1 → offset −1; per-channel multipliers 1/2, 1/4.
    var m = [QuantizedMultiplier(0.5), QuantizedMultiplier(0.25)]
    var out: [Int8] = [0, 0]
    m.withUnsafeMutableBufferPointer { mp in
      let q = ChannelRequantization(multipliers: mp.baseAddress!, channels: 2, inputOffset: -1, outputOffset: -10,
                                    clamp: QuantizedClamp(low: -128, high: 127))
      // x − 1 = [2, −3, 4]. Unit 0: 2·1 + (−3)·2 + 4·3 + 1 = 9 → 4.5 → 5 → −5.
      // Unit 1: 2·(−4) + 0 + 4·(−1) + (−3) = −15 → −3.75 → −4 → −14.
      Reference.fullyConnected(input: [3, -2, 5], weights: [1, 2, 3, -4, 0, -1], bias: [1, -3], output: &out,
                               batches: 1, inputSize: 3, units: 2, requantization: q)
    }
    XCTAssertEqual(out, [-5, -14])
  }

  func testHybridMatchesHandMath() {
    // Symmetric: x = [1, −0.5] → scale 1/127, q = [127, −64] (−63.5 → −64).
    // acc = 127·2 + (−64)·4 = −2; out = 0.25 + (−2) · (1/127 · 0.5).
    var scratch = [Int8](repeating: 0, count: 2)
    var out: [Float] = [0]
    Reference.fullyConnectedHybrid(input: [1, -0.5], weights: [2, 4], scales: [0.5], bias: [0.25], output: &out,
                                   batches: 1, inputSize: 2, units: 1, asymmetric: false, quantized: &scratch,
                                   clamp: .none)
    XCTAssertEqual(scratch, [127, -64])
    XCTAssertEqual(out[0], 0.25 + -2 * (Float(1) / 127 * 0.5), accuracy: 1e-7)
  }

  func testRejectsWeightZeroPoint() throws {
    let e = try openPatched("fully_connected", "int8") { buf, m in
      let zp = m.subgraphs[0].tensors[op0Input(m, 1)].quantization!.zeroPoint
      buf.storeBytes(of: Int64(-2), toByteOffset: zp.start, as: Int64.self)
    }
    XCTAssertEqual(e?.kind, .invalidQuantization)
    XCTAssertEqual(e?.found, -2)
  }

  func testRejectsOutputShape() throws {
    let e = try openPatched("fully_connected_keep_dims", "float") { buf, m in
      let shape = m.subgraphs[0].tensors[op0Output(m, 0)].shape
      buf.storeBytes(of: shape[1] + 1, toByteOffset: shape.start + 4, as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .shapeMismatch)
  }

  /// Hybrid FULLY_CONNECTED follows LiteRT's arithmetic step for step and matches it bit for bit here.
  func testHybridAccuracy() throws {
    for name in ["hybrid_fully_connected", "hybrid_fully_connected_relu_batch3", "hybrid_fully_connected_no_bias",
                 "hybrid_fully_connected_symmetric_batch2"] {
      let e = try maxRelativeError(name, "hybrid")
      print("\(name): max relative error vs LiteRT \(e)")
      XCTAssertEqual(e, 0, name)
    }
  }

  func testHybridFixturesOpen() throws {
    XCTAssertNil(try openPatched("hybrid_fully_connected_relu_batch3", "hybrid") { _, _ in })
  }
}
