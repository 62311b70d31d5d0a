import MicroRuntime
import MoteTestSupport
import XCTest

final class HardSwishTests: XCTestCase {
  /// x · relu6(x + 3) / 6 at the kinks and beyond.
  func testFloatValues() {
    let x: [Float] = [-4, -3, 0, 1, 3, 5]
    var y = [Float](repeating: .nan, count: x.count)
    Reference.hardSwish(x, &y, count: x.count)
    XCTAssertEqual(y[0], 0)
    XCTAssertEqual(y[1], 0)
    XCTAssertEqual(y[2], 0)
    XCTAssertEqual(y[3], 4.0 / 6, accuracy: 1e-7)
    XCTAssertEqual(y[4], 3)
    XCTAssertEqual(y[5], 5)
  }
}
