import MicroRuntime
import MoteTestSupport
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

  func testComputedShapeIsCheckedAtEval() throws {
    // reshape_shape_chain computes the shape [batch, 24] (tensor 3 is the constant 24) through
    // SHAPE, STRIDED_SLICE and PACK. The model runs as is; with 12 instead of 24 the computed
    // shape [1, 12] disagrees with the static output [1, 24] and eval throws.
    let inputs = try PatchedFixture.inputs("reshape_shape_chain")
    let good = try PatchedFixture.model("reshape_shape_chain", tensor: 3, values: [24])
    XCTAssertEqual(try runModel(path: good, inputs: inputs)[0].floats, inputs[0].floats)
    let bad = try PatchedFixture.model("reshape_shape_chain", tensor: 3, values: [12])
    assertMicroError(.shapeMismatch) { _ = try runModel(path: bad, inputs: inputs) }
  }
}
