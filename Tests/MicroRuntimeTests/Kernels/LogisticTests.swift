import MicroRuntime
import MoteTestSupport
import XCTest

final class LogisticTests: XCTestCase {
  func testPrepareRejectsOutputScaleOtherThan1Over256() {
    ElementwiseModels.assertRejected("logistic_out_scale", .fixedOutputQuantization)
  }

  func testFloatValues() {
    let x: [Float] = [0, 2, -2, 100, -100]
    var y = [Float](repeating: .nan, count: x.count)
    Reference.logistic(x, &y, count: x.count)
    XCTAssertEqual(y[0], 0.5)
    XCTAssertEqual(y[1], 0.880797077977882, accuracy: 1e-7)       // 1 / (1 + e^-2)
    XCTAssertEqual(y[2], 0.119202922022118, accuracy: 1e-7)
    XCTAssertEqual(y[3], 1)
    XCTAssertEqual(y[4], 0, accuracy: 1e-40)
  }
}
