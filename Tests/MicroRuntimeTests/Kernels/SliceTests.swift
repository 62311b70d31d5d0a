import MicroRuntime
import MoteTestSupport
import XCTest

final class SliceTests: XCTestCase {
  // slice: input [1, 6, 8, 4], begin [0, 1, 2, 0] (tensor 1), size [1, 3, -1, 2] (tensor 2).

  func testSliceRunningPastTheEndIsRejected() throws {
    // begin 1 + size 6 > 6 along axis 1.
    let path = try PatchedFixture.model("slice", tensor: 2, values: [1, 6, -1, 2])
    assertMicroError(.indexOutOfRange) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("slice")) }
  }

  func testNegativeBeginIsRejected() throws {
    let path = try PatchedFixture.model("slice", tensor: 1, values: [0, -1, 2, 0])
    assertMicroError(.indexOutOfRange) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("slice")) }
  }

  func testTakesTheBlock() throws {
    // output[0, i, j, c] = x[0, 1 + i, 2 + j, c] for i < 3, j < 6, c < 2.
    let inputs = try PatchedFixture.inputs("slice")
    let x = inputs[0].floats
    let out = try runModel(path: PatchedFixture.directory("slice", "float").appendingPathComponent("model.tflite").path,
                           inputs: inputs)[0].floats
    var want: [Float] = []
    for i in 0..<3 { for j in 0..<6 { for c in 0..<2 { want.append(x[((1 + i) * 8 + 2 + j) * 4 + c]) } } }
    XCTAssertEqual(out, want)
  }
}
