import MicroRuntime
import MoteTestSupport
import XCTest

final class DequantizeTests: XCTestCase {
  func testPrepareRejectsFloatInput() {
    ElementwiseModels.assertRejected("dequantize_from_float", .unsupportedType)
  }

  /// IEEE binary16 patterns and their exact values.
  func testHalfToFloat() {
    XCTAssertEqual(Reference.halfToFloat(0x3C00), 1)
    XCTAssertEqual(Reference.halfToFloat(0xBC00), -1)
    XCTAssertEqual(Reference.halfToFloat(0x0000).bitPattern, 0)
    XCTAssertEqual(Reference.halfToFloat(0x8000).bitPattern, 0x8000_0000)          // −0
    XCTAssertEqual(Reference.halfToFloat(0x0001), 0x1p-24)                          // smallest subnormal
    XCTAssertEqual(Reference.halfToFloat(0x03FF), 1023 * 0x1p-24)                   // largest subnormal
    XCTAssertEqual(Reference.halfToFloat(0x0200), 0x1p-15)
    XCTAssertEqual(Reference.halfToFloat(0x8001), -0x1p-24)
    XCTAssertEqual(Reference.halfToFloat(0x0400), 0x1p-14)                          // smallest normal
    XCTAssertEqual(Reference.halfToFloat(0x7BFF), 65504)                            // largest finite
    XCTAssertEqual(Reference.halfToFloat(0x3555), 0.333251953125)
    XCTAssertEqual(Reference.halfToFloat(0x7C00), .infinity)
    XCTAssertEqual(Reference.halfToFloat(0xFC00), -.infinity)
    XCTAssertTrue(Reference.halfToFloat(0x7E00).isNaN)
  }

  func testInt8() {
    let x: [Int8] = [-128, 0, 127]
    var y = [Float](repeating: 0, count: 3)
    Reference.dequantize(x, &y, count: 3, scale: 0.5, zeroPoint: -2)
    XCTAssertEqual(y, [-63, 1, 64.5])
  }
}
