import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class GatherTests: XCTestCase {
  /// gather_axis1_var_idx: params [1, 5, 6] float (input 1), indices [3] int32 (input 0), axis 1.
  func inputs(indices: [Int32]) throws -> [NPYArray] {
    var inputs = try PatchedFixture.inputs("gather_axis1_var_idx")
    inputs[0] = NPYArray(type: .int32, shape: [3], data: indices.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } })
    return inputs
  }

  func modelPath() -> String {
    PatchedFixture.directory("gather_axis1_var_idx", "float").appendingPathComponent("model.tflite").path
  }

  func testGathersRowsOfTheAxis() throws {
    let inputs = try inputs(indices: [4, 0, 4])
    let params = inputs[1].floats
    let out = try runModel(path: modelPath(), inputs: inputs)[0].floats
    // output[0, i, :] = params[0, indices[i], :]
    let want = [4, 0, 4].flatMap { row in params[(row * 6)..<(row * 6 + 6)] }
    XCTAssertEqual(out, want)
  }

  func testIndexPastTheEndThrows() throws {
    let inputs = try inputs(indices: [0, 5, 1])
    assertMicroError(.indexOutOfRange) { _ = try runModel(path: modelPath(), inputs: inputs) }
  }

  func testNegativeIndexThrows() throws {
    let inputs = try inputs(indices: [0, -1, 1])
    assertMicroError(.indexOutOfRange) { _ = try runModel(path: modelPath(), inputs: inputs) }
  }
}
