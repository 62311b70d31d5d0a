@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class BatchMatMulTests: XCTestCase {
  func testAdjointsByHand() {
    // x = [[1, 2], [3, 4]] stored transposed (adj_x), y = [[5, 6], [7, 8]] stored transposed (adj_y).
    let s = MatMulShape(batch: (1, 1, 1), lhsStride: (0, 0, 0), rhsStride: (0, 0, 0), rows: 2, depth: 2, columns: 2,
                        adjX: true, adjY: true)
    var out = [Float](repeating: 0, count: 4)
    Reference.batchMatMul(lhs: [1, 3, 2, 4], rhs: [5, 7, 6, 8], output: &out, shape: s)
    XCTAssertEqual(out, [19, 22, 43, 50])
  }

  func testBroadcastBatch() {
    // Two lhs matrices (1x1) against one shared rhs (1x1): stride 0 on the rhs.
    let s = MatMulShape(batch: (1, 1, 2), lhsStride: (0, 0, 1), rhsStride: (0, 0, 0), rows: 1, depth: 1, columns: 1,
                        adjX: false, adjY: false)
    var out: [Float] = [0, 0]
    Reference.batchMatMul(lhs: [2, 3], rhs: [10], output: &out, shape: s)
    XCTAssertEqual(out, [20, 30])
  }

  func testInt8ByHand() {
    // (1 − 1)·… : lhs offset −1, rhs offset +2: (3−1)·(−1+2) + (0−1)·(4+2) = 2 − 6 = −4; · 0.5 = −2; + 7 = 5.
    let s = MatMulShape(batch: (1, 1, 1), lhsStride: (0, 0, 0), rhsStride: (0, 0, 0), rows: 1, depth: 2, columns: 1,
                        adjX: false, adjY: false)
    var out: [Int8] = [0]
    Reference.batchMatMul(lhs: [3, 0], rhs: [-1, 4], output: &out, shape: s, lhsOffset: -1, rhsOffset: 2,
                          multiplier: QuantizedMultiplier(0.5), outputOffset: 7)
    XCTAssertEqual(out, [5])
  }

  /// Hybrid BATCH_MATMUL (constant int8 y) against LiteRT's builtin kernel.
  func testHybridAccuracy() throws {
    for name in ["hybrid_batch_matmul", "hybrid_batch_matmul_adj_x_bcast", "hybrid_batch_matmul_symmetric"] {
      let e = try maxRelativeError(name, "hybrid")
      print("\(name): max relative error vs LiteRT \(e)")
      XCTAssertEqual(e, 0, name)
    }
  }

  func testRejectsIncompatibleBatches() throws {
    // [1, 2, 3, 4] × [1, 1, 4, 5] broadcasts; making the second batch dimension 3 does not.
    let e = try openPatched("batch_matmul_4d_bcast", "float") { buf, m in
      for k in 0..<2 {
        let shape = m.subgraphs[0].tensors[op0Input(m, k)].shape
        if shape[1] == 1 { buf.storeBytes(of: Int32(3), toByteOffset: shape.start + 4, as: Int32.self) }
      }
    }
    XCTAssertEqual(e?.kind, .broadcastIncompatible)
  }

  func testRejectsDepthMismatch() throws {
    let e = try openPatched("batch_matmul", "float") { buf, m in
      let shape = m.subgraphs[0].tensors[op0Input(m, 1)].shape
      buf.storeBytes(of: shape[shape.count - 1] + 1, toByteOffset: shape.start + 4 * (shape.count - 1), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .shapeMismatch)
  }
}
