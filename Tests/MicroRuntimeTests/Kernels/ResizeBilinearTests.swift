import MicroRuntime
import MoteTestSupport
import XCTest

final class ResizeBilinearTests: XCTestCase {
  func testIntegerSourcePositions() {
    // 2 → 4 pixels: scale = (1024 · 2 + 2) / 4 = 512. x = 1 sits at 512/1024 = 0.5: neighbours 0, 1.
    XCTAssertTrue(Reference.bilinearSource10(1, scale10: 512, halfPixelCenters: false, inputSize: 2) == (512, 0, 1))
    // x = 3 at 1.5: neighbours 1 and min(2, 1) = 1.
    XCTAssertTrue(Reference.bilinearSource10(3, scale10: 512, halfPixelCenters: false, inputSize: 2) == (1536, 1, 1))
    // Half-pixel centres: x = 0 at 0 + 256 − 512 = −256 (−0.25): both neighbours clamp to 0.
    XCTAssertTrue(Reference.bilinearSource10(0, scale10: 512, halfPixelCenters: true, inputSize: 2) == (-256, 0, 0))
  }

  func testInt8InterpolatesWithRounding() {
    // One row [−3, 10] widened to 4: positions 0, 0.5, 1, 1.5 →
    // −3; (−3 + 10)/2 = 3.5 → 4; 10; 10.
    let input: [Int8] = [-3, 10]
    var out = [Int8](repeating: 0, count: 4)
    input.withUnsafeBufferPointer { i in
      out.withUnsafeMutableBufferPointer { o in
        Reference.resizeBilinear(input: i.baseAddress!, batches: 1, inHeight: 1, inWidth: 2, depth: 1,
                                 output: o.baseAddress!, outHeight: 1, outWidth: 4, heightScale10: 1024,
                                 widthScale10: 512, halfPixelCenters: false)
      }
    }
    XCTAssertEqual(out, [-3, 4, 10, 10])
  }

  func testSizeDisagreeingWithTheOutputIsRejected() throws {
    // resize_bilinear_up: size [8, 10] (tensor 1) for an output [1, 8, 10, 3].
    let path = try PatchedFixture.model("resize_bilinear_up", tensor: 1, values: [8, 9])
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("resize_bilinear_up")) }
  }
}
