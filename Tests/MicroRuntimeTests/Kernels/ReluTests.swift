import MicroRuntime
import MoteTestSupport
import XCTest

final class ReluTests: XCTestCase {
  func testPrepareRejectsOutputOfAnotherShape() {
    ElementwiseModels.assertRejected("relu_shape_mismatch", .shapeMismatch)   // [4,2] → [8]
  }

  func testFloatReluAndRelu6() {
    let x: [Float] = [-1, 0, 3, 7, .nan, -.infinity, .infinity]
    var y = [Float](repeating: 1, count: x.count)
    Reference.relu(x, &y, count: x.count, low: 0, high: .infinity)
    XCTAssertEqual(y, [0, 0, 3, 7, 0, 0, .infinity])           // NaN → 0, like std::max(0, NaN)
    Reference.relu(x, &y, count: x.count, low: 0, high: 6)
    XCTAssertEqual(y, [0, 0, 3, 6, 0, 0, 6])
  }
}
