import MicroRuntime
import MoteTestSupport
import XCTest

final class TransposeTests: XCTestCase {
  func testRepeatedPermutationEntryIsRejected() throws {
    // transpose_3d's perm is [0, 2, 1]; [0, 1, 1] names dimension 1 twice.
    let path = try PatchedFixture.model("transpose_3d", replacing: [0, 2, 1], with: [0, 1, 1])
    let inputs = try PatchedFixture.inputs("transpose_3d")
    assertMicroError(.invalidAxis) { _ = try runModel(path: path, inputs: inputs) }
  }

  func testPermutationOutOfRangeIsRejected() throws {
    let path = try PatchedFixture.model("transpose_3d", replacing: [0, 2, 1], with: [0, 3, 1])
    let inputs = try PatchedFixture.inputs("transpose_3d")
    assertMicroError(.invalidAxis) { _ = try runModel(path: path, inputs: inputs) }
  }
}
