import MicroRuntime
import MoteTestSupport
import XCTest

final class PadTests: XCTestCase {
  func testReferencePadsEveryDimension() {
    // [[1 2] [3 4]] padded by (1, 0) rows and (0, 1) columns with 9:
    // [[9 9 9] [1 2 9] [3 4 9]].
    let input: [Int16] = [1, 2, 3, 4]
    var output = [Int16](repeating: 0, count: 9)
    var inDims = IndexVector(count: 2); inDims[0] = 2; inDims[1] = 2
    var outDims = IndexVector(count: 2); outDims[0] = 3; outDims[1] = 3
    var before = IndexVector(count: 2); before[0] = 1; before[1] = 0
    input.withUnsafeBufferPointer { i in
      output.withUnsafeMutableBufferPointer { o in
        Reference.pad(input: i.baseAddress!, inDims: inDims, before: before, output: o.baseAddress!, outDims: outDims, value: 9)
      }
    }
    XCTAssertEqual(output, [9, 9, 9, 1, 2, 9, 3, 4, 9])
  }

  func testNegativePaddingIsRejected() throws {
    // pad_hw pads H by (1, 2); (-1, 4) gives the same output size but is not a padding.
    let path = try PatchedFixture.model("pad_hw", replacing: [0, 0, 1, 2, 2, 1], with: [0, 0, -1, 4, 2, 1])
    let inputs = try PatchedFixture.inputs("pad_hw")
    assertMicroError(.shapeMismatch) { _ = try runModel(path: path, inputs: inputs) }
  }
}
