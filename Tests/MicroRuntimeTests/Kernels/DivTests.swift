import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class DivTests: XCTestCase {
  /// Int8 division by zero is undefined in LiteRT; Mote saturates (x > 0 → 127, x < 0 → −128,
  /// 0/0 → the output zero point). Scales 0.1 everywhere, output zero point 3; 2.0 / 1.0 = 2.0 → 23.
  func testInt8DivisionByZeroSaturates() throws {
    let out = try ElementwiseModels.run("div_int8_by_zero",
                                        [ElementwiseModels.int8([5, -5, 0, 20]), ElementwiseModels.int8([0, 0, 0, 10])])
    XCTAssertEqual(out.doubles, [127, -128, 3, 23])
  }
}
