import MicroRuntime
import MoteTestSupport
import XCTest

final class ConcatenationTests: XCTestCase {
  func testRequantizesThroughFloat() {
    // Input scale 0.5, zero point 1; output scale 1, zero point −1:
    // q = round((x − 1) · 0.5) − 1: x = 4 → 1.5 → 2 − 1 = 1; x = −2 → −1.5 → −2 − 1 = −3;
    // x = 127 → 63 − 1 = 62. One row of 3 into an output row of 4 (the rest untouched).
    let input: [Int8] = [4, -2, 127]
    var out = [Int8](repeating: 99, count: 4)
    input.withUnsafeBufferPointer { i in
      out.withUnsafeMutableBufferPointer { o in
        Reference.concatenationRequantize(input: i.baseAddress!, inputScale: 0.5, inputZeroPoint: 1, output: o.baseAddress!,
                                          outputScale: 1, outputZeroPoint: -1, rowCount: 3, outer: 1, outputRowStride: 4)
      }
    }
    XCTAssertEqual(out, [1, -3, 62, 99])
  }
}
