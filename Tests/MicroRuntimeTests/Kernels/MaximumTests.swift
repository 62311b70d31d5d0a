import MicroRuntime
import MoteTestSupport
import XCTest

final class MaximumTests: XCTestCase {
  /// Int8 MAXIMUM compares stored values, which is only right when all tensors share one scale
  /// and zero point (as the int8 spec requires); a rescaling output is refused.
  func testPrepareRejectsOutputWithOtherQuantization() {
    ElementwiseModels.assertRejected("maximum_int8_requant", .invalidQuantization)
  }

  func testLargerFloatFunction() {
    XCTAssertEqual(Maximum.Larger.apply(1, 2), 2)
    XCTAssertEqual(Maximum.Larger.apply(-1, -2), -1)
    XCTAssertEqual(Minimum.Smaller.apply(1, 2), 1)
    XCTAssertEqual(Minimum.Smaller.apply(-1, -2), -2)
  }
}
