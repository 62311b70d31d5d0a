import XCTest
@testable import TrainCore

final class ReductionTests: XCTestCase {
  func testSumMeanGradients() {
    let x = GradCheck.rand([2, 3, 4], seed: 40)
    GradCheck.check("sum all", [x]) { $0[0].sum() }
    GradCheck.check("sum axis 1", [x]) { $0[0].sum(axes: [1]) }
    GradCheck.check("sum axes 0,2 keep", [x]) { $0[0].sum(axes: [0, 2], keepDims: true) }
    GradCheck.check("mean axis -1", [x]) { $0[0].mean(axes: [-1]) }
    GradCheck.check("mean all", [x]) { $0[0].mean() }
  }

  func testMaxGradient() {
    let x = GradCheck.separated([2, 3, 4], seed: 41)
    GradCheck.check("max axis 1", [x], eps: 1e-3) { $0[0].max(axes: [1]) }
    GradCheck.check("max all", [x], eps: 1e-3) { $0[0].max() }
    GradCheck.check("max axes 0,2 keep", [x], eps: 1e-3) { $0[0].max(axes: [0, 2], keepDims: true) }
  }

  func testReductionValues() {
    let x = Tensor(shape: [2, 3], data: [1, 5, 3, 4, 2, 6])
    XCTAssertEqual(x.sum(axes: [0]).data, [5, 7, 9])
    XCTAssertEqual(x.sum(axes: [1]).shape, [2])
    XCTAssertEqual(x.sum(axes: [1], keepDims: true).shape, [2, 1])
    XCTAssertEqual(x.mean(axes: [1]).data, [3, 4])
    XCTAssertEqual(x.max(axes: [1]).data, [5, 6])
    XCTAssertEqual(x.max(axes: [0]).data, [4, 5, 6])
    XCTAssertEqual(x.sum().shape, [])
  }
}
