import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class SoftmaxTests: XCTestCase {
  func testPrepareRejectsOutputZeroPointOtherThanMinus128() {
    ElementwiseModels.assertRejected("softmax_out_zero_point", .fixedOutputQuantization)
  }

  /// LiteRT's int8 reference SOFTMAX aborts when β·s_in·2^26 < 1; Mote computes it. With
  /// s_in = 1e-9 every difference is ~0, so each of 4 outputs is 1/4 = 64/256 → 64 − 128.
  func testTinyInputScaleGivesUniformDistribution() throws {
    let out = try ElementwiseModels.run("softmax_tiny_scale", [NPYArray(
      type: .int8, shape: [2, 4], data: [0, 127, 128, 5, 1, 2, 3, 4].map { UInt8($0) })])
    XCTAssertEqual(out.doubles, [Double](repeating: -64, count: 8))
  }
}
