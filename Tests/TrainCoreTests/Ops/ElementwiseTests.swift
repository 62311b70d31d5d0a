import XCTest
@testable import TrainCore

final class ElementwiseTests: XCTestCase {
  func testBinaryOpsSameShape() {
    GradCheck.check("add", [GradCheck.rand([3, 4], seed: 1), GradCheck.rand([3, 4], seed: 2)]) { $0[0] + $0[1] }
    GradCheck.check("sub", [GradCheck.rand([3, 4], seed: 1), GradCheck.rand([3, 4], seed: 2)]) { $0[0] - $0[1] }
    GradCheck.check("mul", [GradCheck.rand([3, 4], seed: 1), GradCheck.rand([3, 4], seed: 2)]) { $0[0] * $0[1] }
    GradCheck.check("div", [GradCheck.rand([3, 4], seed: 1), GradCheck.rand([3, 4], seed: 2, low: 0.5, high: 2)]) {
      $0[0] / $0[1]
    }
  }

  func testBinaryOpsBroadcast() {
    // bias-style suffix, scalar, middle-axis and both-sides broadcasts
    GradCheck.check("add bias", [GradCheck.rand([2, 3, 4], seed: 3), GradCheck.rand([4], seed: 4)]) { $0[0] + $0[1] }
    GradCheck.check("mul scalar", [GradCheck.rand([2, 3], seed: 5), GradCheck.rand([], seed: 6)]) { $0[0] * $0[1] }
    GradCheck.check("sub middle", [GradCheck.rand([2, 3, 4], seed: 7), GradCheck.rand([2, 1, 4], seed: 8)]) { $0[0] - $0[1] }
    GradCheck.check("mul outer", [GradCheck.rand([3, 1], seed: 9), GradCheck.rand([1, 4], seed: 10)]) { $0[0] * $0[1] }
    GradCheck.check("div broadcast", [GradCheck.rand([2, 3], seed: 11), GradCheck.rand([2, 1], seed: 12, low: 0.5, high: 2)]) {
      $0[0] / $0[1]
    }
  }

  func testBroadcastForwardValues() {
    let a = Tensor(shape: [2, 1], data: [1, 2])
    let b = Tensor(shape: [3], data: [10, 20, 30])
    let c = a + b
    XCTAssertEqual(c.shape, [2, 3])
    XCTAssertEqual(c.data, [11, 21, 31, 12, 22, 32])
    XCTAssertEqual((a * b).data, [10, 20, 30, 20, 40, 60])
  }

  func testUnaryOps() {
    let x = GradCheck.rand([2, 5], seed: 20)
    GradCheck.check("neg", [x]) { -$0[0] }
    GradCheck.check("exp", [GradCheck.rand([2, 5], seed: 21)]) { $0[0].exp() }
    GradCheck.check("log", [GradCheck.rand([2, 5], seed: 22, low: 0.5, high: 3)]) { $0[0].log() }
    GradCheck.check("sqrt", [GradCheck.rand([2, 5], seed: 23, low: 0.5, high: 3)]) { $0[0].sqrt() }
    GradCheck.check("pow 3", [GradCheck.rand([2, 5], seed: 24, low: 0.5, high: 2)]) { $0[0].pow(3) }
    GradCheck.check("pow 2", [GradCheck.rand([2, 5], seed: 25)]) { $0[0].pow(2) }
    GradCheck.check("pow -0.5", [GradCheck.rand([2, 5], seed: 26, low: 0.5, high: 2)]) { $0[0].pow(-0.5) }
    GradCheck.check("sigmoid", [GradCheck.rand([2, 5], seed: 27, low: -3, high: 3)]) { $0[0].sigmoid() }
    GradCheck.check("tanh", [GradCheck.rand([2, 5], seed: 28, low: -2, high: 2)]) { $0[0].tanh() }
    GradCheck.check("softplus", [GradCheck.rand([2, 5], seed: 29, low: -3, high: 3)]) { $0[0].softplus() }
  }

  func testPiecewiseActivations() {
    // Inputs kept away from the kinks (0, 6, ±3) by more than the finite-difference step.
    let x = GradCheck.separated([3, 8], seed: 30, gap: 0.17)   // spans about [-4, 4]
    GradCheck.check("relu", [x], eps: 1e-3) { $0[0].relu() }
    GradCheck.check("relu6", [Tensor(shape: [6], data: [-1, 0.5, 2, 5.5, 6.5, 8])], eps: 1e-3) { $0[0].relu6() }
    GradCheck.check("leakyRelu", [x], eps: 1e-3) { $0[0].leakyRelu(alpha: 0.1) }
    GradCheck.check("hardSwish", [Tensor(shape: [6], data: [-4, -2.5, -1, 0.7, 2.9, 3.5])], eps: 1e-3) { $0[0].hardSwish() }
  }

  func testActivationValues() {
    let x = Tensor(shape: [5], data: [-4, -1, 0, 1, 7])
    XCTAssertEqual(x.relu6().data, [0, 0, 0, 1, 6])
    XCTAssertEqual(x.hardSwish().data, [0, -1.0 * 2 / 6, 0, 1.0 * 4 / 6, 7])
    XCTAssertEqual(x.leakyRelu(alpha: 0.5).data, [-2, -0.5, 0, 1, 7])
    XCTAssertEqual(Tensor(shape: [1], data: [0]).sigmoid().data, [0.5])
    let s = Tensor(shape: [2], data: [-100, 100]).sigmoid().data
    XCTAssertEqual(s[0], 0, accuracy: 1e-30)
    XCTAssertEqual(s[1], 1)
  }
}
