import MicroRuntime
import MoteTestSupport
import XCTest

final class StridedSliceTests: XCTestCase {
  func testShrinkIndexOutsideTheDimensionIsRejected() throws {
    // strided_slice_shrink: input [1, 6, 8, 4], begin [0, 2, 0, 1] with dimension 1 shrunk;
    // index 6 is past the end of a 6-long dimension.
    let path = try PatchedFixture.model("strided_slice_shrink", replacing: [0, 2, 0, 1], with: [0, 6, 0, 1])
    let inputs = try PatchedFixture.inputs("strided_slice_shrink")
    assertMicroError(.indexOutOfRange) { _ = try runModel(path: path, inputs: inputs) }
  }

  func testZeroStrideIsRejected() throws {
    // strides [1, 1, 1, 1] -> [1, 1, 0, 1].
    let path = try PatchedFixture.model("strided_slice_shrink", replacing: [1, 1, 1, 1], with: [1, 1, 0, 1])
    let inputs = try PatchedFixture.inputs("strided_slice_shrink")
    assertMicroError(.invalidStride) { _ = try runModel(path: path, inputs: inputs) }
  }
}
