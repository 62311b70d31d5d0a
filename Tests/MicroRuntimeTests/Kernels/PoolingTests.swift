@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class PoolingTests: XCTestCase {
  /// A 1x1 output over a whole 1 x n row.
  func row(_ n: Int) -> WindowGeometry {
    WindowGeometry(batches: 1, inputHeight: 1, inputWidth: n, outputHeight: 1, outputWidth: 1,
                   filterHeight: 1, filterWidth: n, strideHeight: 1, strideWidth: 1,
                   dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
  }

  func avg(_ v: [Int8], clamp: QuantizedClamp = QuantizedClamp(low: -128, high: 127)) -> Int8 {
    var out: [Int8] = [0]
    Reference.averagePool2D(input: v, output: &out, geometry: row(v.count), channels: 1, clamp: clamp)
    return out[0]
  }

  func testInt8AverageRoundsHalfAwayFromZero() {
    XCTAssertEqual(avg([3, 2]), 3)       // 2.5 → 3
    XCTAssertEqual(avg([-3, -2]), -3)    // −2.5 → −3
    XCTAssertEqual(avg([1, 2, 2]), 2)    // 1.67 → 2
    XCTAssertEqual(avg([-1, -1, 0]), -1) // −0.67 → −1
    XCTAssertEqual(avg([1, 0, 0]), 0)    // 0.33 → 0
    XCTAssertEqual(avg([127, 127]), 127)
    XCTAssertEqual(avg([-128, -128, -128]), -128)
    XCTAssertEqual(avg([100, 100], clamp: QuantizedClamp(low: 0, high: 50)), 50)
  }

  func testPaddingCellsAreNotCounted() {
    // SAME 3x3 window, stride 1, at the corner of a 2x2 input: the mean of the four real cells.
    let g = WindowGeometry(batches: 1, inputHeight: 2, inputWidth: 2, outputHeight: 2, outputWidth: 2,
                           filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1,
                           dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1)
    var out = [Float](repeating: 0, count: 4)
    Reference.averagePool2D(input: [1, 2, 3, 6], output: &out, geometry: g, channels: 1, clamp: .none)
    XCTAssertEqual(out, [3, 3, 3, 3])
    var maxOut = [Float](repeating: 0, count: 4)
    Reference.maxPool2D(input: [-1, -2, -3, -6], output: &maxOut, geometry: g, channels: 1,
                        low: -Float.infinity, high: Float.infinity)
    XCTAssertEqual(maxOut, [-1, -1, -1, -1]) // padding is not a zero
  }

  func testMaxPoolClamps() {
    var out: [Int8] = [0]
    Reference.maxPool2D(input: [Int8(-5), 90, 3], output: &out, geometry: row(3), channels: 1, low: -128, high: 60)
    XCTAssertEqual(out, [60])
  }

  func testRejectsZeroFilter() throws {
    let e = try openPatched("avgpool_valid_2x2_s2", "float") { buf, m in
      let t = m.subgraphs[0].operators[0].builtinOptionsAsPool2DOptions!.table
      buf.storeBytes(of: Int32(0), toByteOffset: fieldPosition(t, 3), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .invalidFilterSize)
  }

  func testRejectsZeroStride() throws {
    let e = try openPatched("maxpool_valid_3x2_s21", "int8") { buf, m in
      let t = m.subgraphs[0].operators[0].builtinOptionsAsPool2DOptions!.table
      buf.storeBytes(of: Int32(0), toByteOffset: fieldPosition(t, 2), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .invalidStride)
  }

  func testRejectsRequantizingMaxPool() throws {
    // int8 pools must keep the input's zero point.
    let e = try openPatched("maxpool_same_2x2_s2", "int8") { buf, m in
      let zp = m.subgraphs[0].tensors[op0Output(m, 0)].quantization!.zeroPoint
      buf.storeBytes(of: zp[0] + 1, toByteOffset: zp.start, as: Int64.self)
    }
    XCTAssertEqual(e?.kind, .invalidQuantization)
  }
}
