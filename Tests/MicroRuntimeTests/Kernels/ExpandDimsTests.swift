import MicroRuntime
import MoteTestSupport
import XCTest

final class ExpandDimsTests: XCTestCase {
  // expand_dims: input [1, 4, 6] -> [1, 4, 1, 6] at axis 2 (tensor 1).

  func testAxisPastRankPlusOneIsRejected() throws {
    let path = try PatchedFixture.model("expand_dims", tensor: 1, values: [4])
    assertMicroError(.invalidAxis) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("expand_dims")) }
  }

  func testNegativeAxisCountsFromTheEnd() throws {
    // −2 of a rank-3 input is position 2 of the rank-4 output.
    let path = try PatchedFixture.model("expand_dims", tensor: 1, values: [-2])
    let inputs = try PatchedFixture.inputs("expand_dims")
    XCTAssertEqual(try runModel(path: path, inputs: inputs)[0].floats, inputs[0].floats)
  }

  func testAxisGivingAnotherShapeIsRejected() throws {
    // Axis 3 makes [1, 4, 6, 1], not the model's [1, 4, 1, 6].
    let path = try PatchedFixture.model("expand_dims", tensor: 1, values: [3])
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("expand_dims")) }
  }
}
