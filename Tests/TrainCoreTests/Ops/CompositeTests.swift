import XCTest
@testable import TrainCore

final class CompositeTests: XCTestCase {
  func testSoftmax() {
    let x = GradCheck.rand([3, 5], seed: 70, low: -3, high: 3)
    GradCheck.check("softmax", [x]) { $0[0].softmax() }
    GradCheck.check("logSoftmax", [x]) { $0[0].logSoftmax() }
    GradCheck.check("softmax axis 0", [x]) { $0[0].softmax(axis: 0) }
    let s = Tensor(shape: [1, 3], data: [1, 2, 3]).softmax()
    let e = [Float(1), 2, 3].map { expf($0) }
    let z = e.reduce(0, +)
    for i in 0..<3 { XCTAssertEqual(s.data[i], e[i] / z, accuracy: 1e-6) }
    // stability: large logits do not overflow
    XCTAssertFalse(Tensor(shape: [1, 2], data: [1000, 0]).logSoftmax().data.contains { !$0.isFinite })
  }

  func testDropout() {
    var rng = Xoshiro256(seed: 5)
    let x = Tensor.ones([1000])
    let y = x.dropout(rate: 0.25, rng: &rng)
    let zeros = y.data.filter { $0 == 0 }.count
    XCTAssertTrue(zeros > 180 && zeros < 320, "zeros \(zeros)")
    XCTAssertTrue(y.data.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
    var r1 = Xoshiro256(seed: 9), r2 = Xoshiro256(seed: 9)
    let a = GradCheck.rand([4, 4], seed: 71)
    GradCheck.check("dropout", [a]) { t in
      r1 = r2   // the same mask for every evaluation of the finite difference
      return t[0].dropout(rate: 0.5, rng: &r1)
    }
  }

  func testBatchNorm() {
    let x = GradCheck.rand([4, 2, 2, 3], seed: 72)
    let g = GradCheck.rand([3], seed: 73, low: 0.5, high: 1.5), b = GradCheck.rand([3], seed: 74)
    GradCheck.check("batchNorm train", [x, g, b]) { t in
      batchNorm(t[0], scale: t[1], offset: t[2], runningMean: .zeros([3]), runningVar: .ones([3]), training: true)
    }
    GradCheck.check("batchNorm eval", [x, g, b]) { t in
      batchNorm(t[0], scale: t[1], offset: t[2], runningMean: Tensor(shape: [3], data: [0.1, -0.2, 0.3]),
                runningVar: Tensor(shape: [3], data: [1.5, 0.7, 2]), training: false)
    }
    // running statistics: momentum 0.1, unbiased variance
    let v = Tensor(shape: [4, 1], data: [1, 2, 3, 6])
    let rm = Tensor.zeros([1]), rv = Tensor.ones([1])
    let y = batchNorm(v, scale: .ones([1]), offset: .zeros([1]), runningMean: rm, runningVar: rv, training: true)
    XCTAssertEqual(rm.data[0], 0.3, accuracy: 1e-6)               // 0.9*0 + 0.1*3
    XCTAssertEqual(rv.data[0], 0.9 + 0.1 * 14 / 3, accuracy: 1e-5) // unbiased var of {1,2,3,6} = 14/3
    XCTAssertEqual(y.data[0], (1 - 3) / (3.5 + 1e-5).squareRoot(), accuracy: 1e-5) // biased var 3.5
  }
}
