import MicroRuntime
import MoteTestSupport
import XCTest

final class SplitTests: XCTestCase {
  // split_axis2: input [1, 4, 6] split in 2 along axis 2 (tensor 1 holds the axis).

  func testAxisOutsideTheRankIsRejected() throws {
    let path = try PatchedFixture.model("split_axis2", tensor: 1, values: [3])
    assertMicroError(.invalidAxis) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("split_axis2")) }
  }

  func testNegativeAxisCountsFromTheEnd() throws {
    // −1 is axis 2: the same outputs as the fixture.
    let path = try PatchedFixture.model("split_axis2", tensor: 1, values: [-1])
    let inputs = try PatchedFixture.inputs("split_axis2")
    let x = inputs[0].floats
    let out = try runModel(path: path, inputs: inputs)
    // Piece k, row r holds x[0, r, 3k..<3k+3]; the subgraph lists the pieces in LiteRT's order.
    var pieces: [[Float]] = [[], []]
    for k in 0..<2 {
      for r in 0..<4 {
        let start = r * 6 + 3 * k
        pieces[k].append(contentsOf: x[start..<(start + 3)])
      }
    }
    XCTAssertEqual(Set(out.map(\.floats)), Set(pieces))
    let fixture = Fixture(name: "split_axis2", variant: "float", directory: PatchedFixture.directory("split_axis2", "float"))
    XCTAssertEqual(out.map(\.floats), try fixture.expectedOutputs.map(\.floats))
  }

  func testIndivisibleAxisIsRejected() throws {
    // Axis 1 has 4 elements: two pieces would be [1, 2, 6], not the model's [1, 4, 3].
    let path = try PatchedFixture.model("split_axis2", tensor: 1, values: [1])
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: try PatchedFixture.inputs("split_axis2")) }
  }
}
