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

  /// Runs the int8 reference on one column of `rows` values resized to `outRows` (no half-pixel
  /// centres) with the scale prepare computes, round(1024 · rows / outRows), reading from a buffer
  /// whose bytes past the input are a sentinel, so a read past the input shows in the output.
  func resizeColumn(_ rows: [Int8], to outRows: Int) -> [Int8] {
    let scale10 = ((1 << 10) * rows.count + outRows / 2) / outRows
    let padded = rows + [Int8](repeating: 99, count: 64)
    var out = [Int8](repeating: 0, count: outRows)
    padded.withUnsafeBufferPointer { i in
      out.withUnsafeMutableBufferPointer { o in
        Reference.resizeBilinear(input: i.baseAddress!, batches: 1, inHeight: rows.count, inWidth: 1, depth: 1,
                                 output: o.baseAddress!, outHeight: outRows, outWidth: 1, heightScale10: scale10,
                                 widthScale10: 1024, halfPixelCenters: false)
      }
    }
    return out
  }

  func testInt8UpscalingPastTheLastRowStaysInTheInput() {
    // 16 → 201 rows: scale round(16384 / 201) = 82, so row 200 sits at 200 · 82 / 1024 = 16.02, past
    // the last input row (15). Both neighbours clamp to row 15: the output is that row's value.
    let rows = (0..<16).map { Int8($0 * 5) }
    let out = resizeColumn(rows, to: 201)
    XCTAssertEqual(out[200], 75)
    XCTAssertEqual(out[199], 75)  // 199 · 82 = 16318: row 15 and (clamped) row 15
    XCTAssertEqual(out[0], 0)
    // Row 100 at 8200 / 1024 = 8 + 8/1024: 40 · 1016/1024 + 45 · 8/1024 = 40.04 → 40.
    XCTAssertEqual(out[100], 40)
    // 1 → 55 rows: scale round(1024 / 55) = 19, row 54 at 1026 / 1024, past the only row.
    XCTAssertEqual(resizeColumn([-7], to: 55), [Int8](repeating: -7, count: 55))
  }

  func testFloatSourcePositionsStayInTheInputAtLargeWidths() {
    // Width 2^24 + 3 → 2^24 + 4: Float(2^24 + 3) rounds to 2^24 + 4, so the last positions come out
    // as 2^24 + 4 > the last index 2^24 + 2 before clamping.
    let inSize = (1 << 24) + 3
    let outSize = inSize + 1
    let scale = Float(inSize) / Float(outSize)
    for halfPixel in [false, true] {
      for x in (outSize - 4)..<outSize {
        let (_, low, high) = Reference.bilinearSource(x, scale: scale, halfPixelCenters: halfPixel, inputSize: inSize)
        XCTAssertTrue(low >= 0 && low <= high && high <= inSize - 1, "x \(x): \(low), \(high)")
      }
    }
  }

  func testSizeDisagreeingWithTheOutputIsRejected() throws {
    // resize_bilinear_up: size [8, 10] (tensor 1) for an output [1, 8, 10, 3].
    let path = try PatchedFixture.model("resize_bilinear_up", tensor: 1, values: [8, 9])
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("resize_bilinear_up")) }
  }
}
