import XCTest
@testable import TrainCore

final class ShapeOpsTests: XCTestCase {
  func testGradients() {
    let x = GradCheck.rand([2, 3, 4], seed: 50)
    GradCheck.check("reshape", [x]) { $0[0].reshaped([4, -1]) }
    GradCheck.check("transpose", [x]) { $0[0].transposed([2, 0, 1]) }
    GradCheck.check("transpose 2d", [GradCheck.rand([3, 5], seed: 51)]) { $0[0].transposed() }
    GradCheck.check("concat", [x, GradCheck.rand([2, 2, 4], seed: 52)]) { Tensor.concat($0, axis: 1) }
    GradCheck.check("concat last", [x, GradCheck.rand([2, 3, 1], seed: 53)]) { Tensor.concat($0, axis: -1) }
    GradCheck.check("slice", [x]) { $0[0].slice(start: [1, 0, 1], size: [1, 2, -1]) }
    GradCheck.check("pad", [x]) { $0[0].padded([(0, 1), (2, 0), (1, 1)], value: 0.5) }
  }

  func testValues() {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(x.transposed().data, [1, 4, 2, 5, 3, 6])
    XCTAssertEqual(x.slice(start: [0, 1], size: [2, 2]).data, [2, 3, 5, 6])
    XCTAssertEqual(Tensor.concat([x, x], axis: 1).data, [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
    XCTAssertEqual(Tensor.concat([x, x], axis: 0).shape, [4, 3])
    let p = x.padded([(1, 0), (0, 1)])
    XCTAssertEqual(p.shape, [3, 4])
    XCTAssertEqual(p.data, [0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0])
    XCTAssertEqual(x.reshaped([3, -1]).shape, [3, 2])
  }

  func testMatMul() {
    let a = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    let b = Tensor(shape: [3, 2], data: [7, 8, 9, 10, 11, 12])
    XCTAssertEqual(a.matmul(b).data, [58, 64, 139, 154])
    GradCheck.check("matmul", [GradCheck.rand([4, 3], seed: 54), GradCheck.rand([3, 5], seed: 55)]) { $0[0].matmul($0[1]) }
  }
}
