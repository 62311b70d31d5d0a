import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class QuantizeTests: XCTestCase {
  func testPrepareRejectsFloatOutput() {
    ElementwiseModels.assertRejected("quantize_to_float", .unsupportedType)
  }

  /// LiteRT's float → int8 cast of NaN or ±inf is undefined; Mote gives the zero point for NaN
  /// and saturates infinities and huge values (scale 0.1, zero point 3).
  func testNonFiniteInputsSaturate() throws {
    let out = try ElementwiseModels.run("quantize_non_finite", [NPYArray(floats: [.nan, .infinity, -.infinity, 1e30], shape: [4])])
    XCTAssertEqual(out.doubles, [3, 127, -128, 127])
  }

  func testRoundingHalfAwayFromZero() {
    // scale 0.5: 0.25 / 0.5 = 0.5 → 1, −0.25 → −1, 0.75 → 1.5 → 2; zero point −1.
    let x: [Float] = [0.25, -0.25, 0.75, -0.75, 0]
    var y = [Int8](repeating: 0, count: x.count)
    Reference.quantize(x, &y, count: x.count, scale: 0.5, zeroPoint: -1)
    XCTAssertEqual(y, [0, -2, 1, -3, -1])
  }
}
