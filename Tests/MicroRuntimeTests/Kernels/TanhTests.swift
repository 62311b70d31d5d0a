import MicroRuntime
import MoteTestSupport
import XCTest

final class TanhTests: XCTestCase {
  func testPrepareRejectsOutputZeroPointOtherThanZero() {
    ElementwiseModels.assertRejected("tanh_out_zero_point", .fixedOutputQuantization)
  }

  func testFloatValues() {
    let x: [Float] = [0, 0.5, -1, 20]
    var y = [Float](repeating: .nan, count: x.count)
    Reference.tanh(x, &y, count: x.count)
    XCTAssertEqual(y[0], 0)
    XCTAssertEqual(y[1], 0.46211715726000974, accuracy: 1e-7)
    XCTAssertEqual(y[2], -0.7615941559557649, accuracy: 1e-7)
    XCTAssertEqual(y[3], 1)
  }
}
