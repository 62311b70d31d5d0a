@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// The float16 → float32 conversion against the reference on every one of the 65 536 bit patterns.
final class F32ConvertTests: XCTestCase {
  func testEveryHalfBitPattern() {
    let input = (0...0xFFFF).map { UInt16($0) }
    var got = [Float](repeating: 0, count: input.count)
    F32Convert.fromHalf(input, &got, count: input.count)
    for (i, h) in input.enumerated() {
      let want = Reference.halfToFloat(h)
      if got[i].bitPattern != want.bitPattern {
        XCTFail("f32FromF16 \(String(h, radix: 16)): \(got[i]) (bits \(got[i].bitPattern)), reference \(want)")
        return
      }
    }
  }

  func testNormalOnlyRunsTakeTheFastLoop() {
    let input: [UInt16] = [0x3C00, 0xC000, 0x0000, 0x8000, 0x7BFF, 0x0400]  // 1, −2, ±0, max, min normal
    var got = [Float](repeating: .nan, count: input.count)
    F32Convert.fromHalf(input, &got, count: input.count)
    XCTAssertEqual(got, [1, -2, 0, -0.0, 65504, 6.103515625e-05])
  }
}
