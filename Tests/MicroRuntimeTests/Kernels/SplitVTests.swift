import MicroRuntime
import MoteTestSupport
import XCTest

final class SplitVTests: XCTestCase {
  func testSizesNotAddingUpAreRejected() throws {
    // split_v splits a 6-long axis into [1, 3, 2]; [1, 3, 3] adds up to 7.
    let path = try PatchedFixture.model("split_v", replacing: [1, 3, 2], with: [1, 3, 3])
    let inputs = try PatchedFixture.inputs("split_v")
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: inputs) }
  }

  func testInferredSizeTakesTheRest() throws {
    // [1, -1, 2] infers 3: the model's outputs are unchanged.
    let path = try PatchedFixture.model("split_v", replacing: [1, 3, 2], with: [1, -1, 2])
    let inputs = try PatchedFixture.inputs("split_v")
    let x = inputs[0].floats  // [1, 4, 6]
    let out = try runModel(path: path, inputs: inputs)
    // The subgraph lists the pieces in LiteRT's order: sizes 3, 1, 2.
    XCTAssertEqual(out.map(\.shape), [[1, 4, 3], [1, 4, 1], [1, 4, 2]])
    // The 3-wide piece's row r holds x[0, r, 1..<4].
    XCTAssertEqual(out[0].floats, (0..<4).flatMap { r in x[(r * 6 + 1)..<(r * 6 + 4)] })
  }
}
