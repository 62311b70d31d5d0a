import XCTest
@testable import TrainCore

/// Hand-computed checks of the update rules not covered by the PyTorch oracle trajectories.
final class OptimizerTests: XCTestCase {
  func testPlainSGDAndDampening() {
    let p = Tensor(shape: [2], data: [1, -1], requiresGrad: true)
    let untouched = Tensor(shape: [1], data: [5], requiresGrad: true)
    let sgd = SGD(parameters: [("p", p), ("u", untouched)], learningRate: 0.5)
    p.grad = Tensor(shape: [2], data: [0.2, 0.4])
    sgd.step()
    XCTAssertEqual(p.data, [0.9, -1.2])
    XCTAssertEqual(untouched.data, [5], "parameters without a gradient are skipped")

    // momentum 0.5, dampening 0.5: buf1 = g (first step), buf2 = 0.5*buf1 + 0.5*g
    let q = Tensor(shape: [1], data: [0], requiresGrad: true)
    let damp = SGD(parameters: [("q", q)], learningRate: 1, momentum: 0.5, dampening: 0.5)
    q.grad = Tensor(shape: [1], data: [1]); damp.step()
    XCTAssertEqual(q.data, [-1])
    q.grad = Tensor(shape: [1], data: [1]); damp.step()
    XCTAssertEqual(q.data, [-1 - (0.5 * 1 + 0.5 * 1)])
    XCTAssertEqual(damp.stateTensors().map(\.name), ["q.momentum_buffer"])
  }

  func testAdamFirstStepIsSignTimesLearningRate() {
    // After one step the bias-corrected ratio m̂/√v̂ is g/|g|, so each parameter moves by lr (minus eps effects).
    let p = Tensor(shape: [3], data: [0, 0, 0], requiresGrad: true)
    let adam = Adam(parameters: [("p", p)], learningRate: 0.1)
    p.grad = Tensor(shape: [3], data: [2, -0.5, 1e-3])
    adam.step()
    for (v, e) in zip(p.data, [-0.1, 0.1, -0.1] as [Float]) { XCTAssertEqual(v, e, accuracy: 1e-5) }
    XCTAssertEqual(adam.kind, "adam")
    XCTAssertEqual(Adam(adamWParameters: []).kind, "adamw")
  }

  func testLoadStateRejectsWrongShapes() {
    let p = Tensor(shape: [2], data: [0, 0], requiresGrad: true)
    let adam = Adam(parameters: [("p", p)])
    XCTAssertThrowsError(try adam.loadState(["p.exp_avg": .zeros([3]), "p.exp_avg_sq": .zeros([3])], stepCount: 1)) {
      XCTAssertEqual($0 as? OptimizerError, .shapeMismatch(name: "p", expected: [2], found: [3]))
    }
    let sgd = SGD(parameters: [("p", p)], learningRate: 1, momentum: 0.9)
    XCTAssertThrowsError(try sgd.loadState(["p.momentum_buffer": .zeros([1])], stepCount: 1))
  }
}
