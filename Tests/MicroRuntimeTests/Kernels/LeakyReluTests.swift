import MicroRuntime
import MoteTestSupport
import XCTest

final class LeakyReluTests: XCTestCase {
  func testFloatValues() {
    let x: [Float] = [-2, 0, 2]
    var y = [Float](repeating: .nan, count: x.count)
    Reference.leakyRelu(x, &y, count: x.count, alpha: 0.25)
    XCTAssertEqual(y, [-0.5, 0, 2])
    Reference.leakyRelu(x, &y, count: x.count, alpha: -1)
    XCTAssertEqual(y, [2, 0, 2])
  }

  /// Int8 with a negative alpha needs a negative quantized multiplier: s_in = 0.5, s_out = 0.25,
  /// alpha = −0.5 → x < 0 is scaled by −1; x ≥ 0 by 2. Zero points 0.
  func testInt8NegativeAlpha() {
    var p = LeakyReluQuantParams()
    p.identity = QuantizedMultiplier(2)
    p.alpha = QuantizedMultiplier(-1)
    let x: [Int8] = [-10, 0, 10, -128, 100]
    var y = [Int8](repeating: 0, count: x.count)
    Reference.leakyReluInt8(x, &y, count: x.count, params: p)
    XCTAssertEqual(y, [10, 0, 20, 127, 127])
  }
}
