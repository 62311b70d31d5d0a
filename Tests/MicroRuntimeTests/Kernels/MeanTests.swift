import MicroRuntime
import MoteTestSupport
import XCTest

final class MeanTests: XCTestCase {
  func testMeanMultiplierFoldsInTheCount() {
    // 0.5 = 2^30 · 2^(0 − 31). Over 4 elements: shift by 2, divide by 4: 0.125 = 2^30 · 2^(−2 − 31).
    let half = QuantizedMultiplier(0.5)
    XCTAssertEqual(half, QuantizedMultiplier(multiplier: 1 << 30, shift: 0))
    XCTAssertEqual(Reference.meanMultiplier(half, count: 4), QuantizedMultiplier(multiplier: 1 << 30, shift: -2))
    // Over 3: shift by 1, floor(2^31 / 3) = 715827882.
    XCTAssertEqual(Reference.meanMultiplier(half, count: 3), QuantizedMultiplier(multiplier: 715_827_882, shift: -1))
  }

  func testMeanInt8RoundsAndClamps() {
    // Scales equal (multiplier 1 = 2^30 · 2^(1 − 31)), 4 elements, zero points in −1, out 2.
    // sums 10 → (10 + 4) / 4 = 3.5 → 4, + 2 = 6;  −10 → (−10 + 4)/4 = −1.5 → −2, + 2 = 0;
    // 1000 → 251 + 2 clamps to 127.
    let m = Reference.meanMultiplier(QuantizedMultiplier(1.0), count: 4)
    let sums: [Int32] = [10, -10, 1000]
    var out = [Int8](repeating: 0, count: 3)
    sums.withUnsafeBufferPointer { s in
      out.withUnsafeMutableBufferPointer { o in
        Reference.meanInt8(sums: s.baseAddress!, count: 4, inputZeroPoint: -1, multiplier: m, outputZeroPoint: 2,
                           output: o.baseAddress!, outputCount: 3)
      }
    }
    XCTAssertEqual(out, [6, 0, 127])
  }

  func testAxisOutsideTheRankIsRejected() throws {
    // mean_hc reduces axes [1, 3] of a rank-4 input; axis 4 does not exist.
    let path = try PatchedFixture.model("mean_hc", replacing: [1, 3], with: [1, 4])
    let inputs = try PatchedFixture.inputs("mean_hc")
    assertMicroError(.invalidAxis) { _ = try runModel(path: path, inputs: inputs) }
  }
}
