import MicroRuntime
import XCTest

final class ReshapeTests: XCTestCase {
  func testTwoInferredDimensionsAreRejected() throws {
    // reshape_infer's shape is [1, -1, 3]; two -1 entries are ambiguous.
    let path = try PatchedFixture.model("reshape_infer", replacing: [1, -1, 3], with: [-1, -1, 3])
    let inputs = try PatchedFixture.inputs("reshape_infer")
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: inputs) }
  }

  func testShapeDisagreeingWithOutputIsRejected() throws {
    // Output is [1, 8, 3]; a shape of [1, -1, 4] would make it [1, 6, 4].
    let path = try PatchedFixture.model("reshape_infer", replacing: [1, -1, 3], with: [1, -1, 4])
    let inputs = try PatchedFixture.inputs("reshape_infer")
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: inputs) }
  }
}
