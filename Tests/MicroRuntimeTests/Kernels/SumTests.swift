import MicroRuntime
import MoteTestSupport
import XCTest

final class SumTests: XCTestCase {
  func testSumInt8RoundsHalfAwayAndClamps() {
    // s = 0.5 / 1, b = −(−2) · 0.5 · 3 = 3: sum 3 → 1.5 + 3 = 4.5 → 5, + 1 = 6;
    // sum −15 → −7.5 + 3 = −4.5 → −5, + 1 = −4;  sum 400 → 203 + 1 clamps to 127.
    let sums: [Int32] = [3, -15, 400]
    var out = [Int8](repeating: 0, count: 3)
    sums.withUnsafeBufferPointer { s in
      out.withUnsafeMutableBufferPointer { o in
        Reference.sumInt8(sums: s.baseAddress!, count: 3, inputScale: 0.5, inputZeroPoint: -2, outputScale: 1,
                          outputZeroPoint: 1, output: o.baseAddress!, outputCount: 3)
      }
    }
    XCTAssertEqual(out, [6, -4, 127])
  }

  func testInt8FixturesMatchLiteRTsOptimizedKernel() throws {
    // The decision documented in Kernels/Sum.swift: SUM int8 is checked against builtin_output.
    for name in ["sum_c", "sum_hw_keep"] {
      let dir = PatchedFixture.directory(name, "int8")
      let f = Fixture(name: name, variant: "int8", directory: dir)
      XCTAssertTrue(f.usesBuiltinOracle)
      let got = try runModel(path: f.modelPath, inputs: try f.inputs)
      XCTAssertNil(compare(got, try f.arrays("builtin_output"), tolerance: 0), name)
    }
  }
}
