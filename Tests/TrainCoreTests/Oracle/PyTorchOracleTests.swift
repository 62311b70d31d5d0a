import XCTest
@testable import TrainCore

/// Compares TrainCore against PyTorch outputs, gradients and optimizer trajectories (fixtures committed).
final class PyTorchOracleTests: XCTestCase {
  func makeMLP() throws -> Sequential {
    var rng = Xoshiro256(seed: 0)
    let model = Sequential([Dense(inputSize: 6, outputSize: 5, activation: .relu, rng: &rng),
                            Dense(inputSize: 5, outputSize: 3, rng: &rng)])
    for (name, key) in zip(model.namedParameters.map(\.tensor), ["w0", "b0", "w1", "b1"]) {
      let f = try Fixtures.tensor("mlp_" + key)
      XCTAssertEqual(name.shape, f.shape)
      name.data = f.data
    }
    return model
  }

  func mlpLoss(_ model: Sequential) throws -> Tensor {
    crossEntropy(logits: model(try Fixtures.tensor("mlp_x")), labels: try Fixtures.ints("mlp_y"), labelSmoothing: 0.1)
  }

  func testMLPForwardBackward() throws {
    let model = try makeMLP()
    let x = try Fixtures.tensor("mlp_x")
    Fixtures.assertClose(model(x).data, try Fixtures.tensor("mlp_logits").data, "mlp logits")
    let loss = try mlpLoss(model)
    XCTAssertEqual(loss.item, Float(try Fixtures.scalars()["mlp_loss"] as! Double), accuracy: 1e-5)
    loss.backward()
    for ((name, p), key) in zip(model.namedParameters, ["w0", "b0", "w1", "b1"]) {
      Fixtures.assertClose(p.grad!.data, try Fixtures.tensor("mlp_grad_" + key).data, "grad \(name)")
    }
  }

  func runOptimizer(_ name: String, _ make: ([NamedTensor]) -> any Optimizer) throws {
    let model = try makeMLP()
    let opt = make(model.namedParameters)
    var losses: [Float] = []
    for _ in 0..<4 {
      opt.zeroGrad()
      let l = try mlpLoss(model)
      l.backward()
      opt.step()
      losses.append(l.item)
    }
    let expected = (try Fixtures.scalars()[name + "_losses"] as! [Double]).map { Float($0) }
    Fixtures.assertClose(losses, expected, "\(name) losses")
    for ((pname, p), key) in zip(model.namedParameters, ["w0", "b0", "w1", "b1"]) {
      Fixtures.assertClose(p.data, try Fixtures.tensor(name + "_" + key).data, "\(name) \(pname) after 4 steps")
    }
  }

  func testSGDMomentumWeightDecay() throws {
    try runOptimizer("sgd") { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) }
  }

  func testSGDNesterov() throws {
    try runOptimizer("nesterov") { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, nesterov: true) }
  }

  func testAdam() throws {
    try runOptimizer("adam") { Adam(parameters: $0, learningRate: 0.01, weightDecay: 0.001) }
  }

  func testAdamW() throws {
    try runOptimizer("adamw") { Adam(adamWParameters: $0, learningRate: 0.01, weightDecay: 0.1) }
  }

  func testCNNForwardBackward() throws {
    var rng = Xoshiro256(seed: 0)
    let conv = Conv2D(inChannels: 2, filters: 3, kernelSize: (3, 3), padding: .same, activation: .relu, rng: &rng)
    let dw = DepthwiseConv2D(inChannels: 3, depthMultiplier: 2, kernelSize: (3, 3), strides: (2, 2), padding: .same,
                             rng: &rng)
    let bn = BatchNorm(features: 6)
    let fc = Dense(inputSize: 24, outputSize: 4, rng: &rng)
    let model = Sequential([conv, dw, bn, ActivationLayer(.relu6), MaxPool2D(poolSize: (2, 2), padding: .same),
                            Flatten(), fc])
    let params: [(Tensor, String)] = [(conv.weight, "conv_w"), (conv.bias!, "conv_b"), (dw.weight, "dw_w"),
                                      (dw.bias!, "dw_b"), (bn.weight, "bn_g"), (bn.bias, "bn_b"),
                                      (fc.weight, "fc_w"), (fc.bias!, "fc_b")]
    for (p, key) in params {
      let f = try Fixtures.tensor("cnn_" + key)
      XCTAssertEqual(p.shape, f.shape, key)
      p.data = f.data
    }
    let logits = model(try Fixtures.tensor("cnn_x"))
    Fixtures.assertClose(logits.data, try Fixtures.tensor("cnn_logits").data, "cnn logits")
    let loss = crossEntropy(logits: logits, labels: try Fixtures.ints("cnn_y"))
    XCTAssertEqual(loss.item, Float(try Fixtures.scalars()["cnn_loss"] as! Double), accuracy: 1e-5)
    loss.backward()
    for (p, key) in params {
      Fixtures.assertClose(p.grad!.data, try Fixtures.tensor("cnn_grad_" + key).data, "cnn grad \(key)")
    }
    Fixtures.assertClose(bn.runningMean.data, try Fixtures.tensor("cnn_running_mean").data, "running mean")
    Fixtures.assertClose(bn.runningVar.data, try Fixtures.tensor("cnn_running_var").data, "running var")
  }

  func testOtherLosses() throws {
    let s = try Fixtures.scalars()
    let t = try Fixtures.tensor("loss_t")
    let a = try Fixtures.tensor("loss_a")
    a.requiresGrad = true
    let bce = binaryCrossEntropy(logits: a, targets: t)
    XCTAssertEqual(bce.item, Float(s["bce"] as! Double), accuracy: 1e-5)
    bce.backward()
    Fixtures.assertClose(a.grad!.data, try Fixtures.tensor("bce_grad").data, "bce grad")
    a.grad = nil
    let mse = meanSquaredError(a, t)
    XCTAssertEqual(mse.item, Float(s["mse"] as! Double), accuracy: 1e-5)
    mse.backward()
    Fixtures.assertClose(a.grad!.data, try Fixtures.tensor("mse_grad").data, "mse grad")
  }

  func testClipGradNorm() throws {
    let p1 = Tensor.zeros([3, 2]), p2 = Tensor.zeros([5])
    p1.grad = try Fixtures.tensor("clip_g1")
    p2.grad = try Fixtures.tensor("clip_g2")
    let norm = clipGradNorm([p1, p2], maxNorm: 1)
    XCTAssertEqual(norm, Float(try Fixtures.scalars()["clip_norm"] as! Double), accuracy: 1e-5)
    Fixtures.assertClose(p1.grad!.data, try Fixtures.tensor("clip_g1_after").data, "clipped g1")
    Fixtures.assertClose(p2.grad!.data, try Fixtures.tensor("clip_g2_after").data, "clipped g2")
  }

  func testSchedules() throws {
    let s = try Fixtures.scalars()
    let cosine = CosineLR(base: 0.1, totalSteps: 10, minimum: 0.001)
    // PyTorch's CosineAnnealingLR is periodic past T_max; TrainCore holds the minimum, so compare 0...10.
    let expectedCos = (s["cosine_lrs"] as! [Double]).prefix(11).map { Float($0) }
    Fixtures.assertClose((0...10).map { cosine.learningRate(at: $0) }, Array(expectedCos), "cosine")
    let step = StepLR(base: 0.1, stepSize: 3, gamma: 0.5)
    Fixtures.assertClose((0..<12).map { step.learningRate(at: $0) }, (s["step_lrs"] as! [Double]).map { Float($0) }, "step")
    let warm = WarmupLR(ConstantLR(0.1), warmupSteps: 4)
    XCTAssertEqual((0..<6).map { warm.learningRate(at: $0) }, [0.025, 0.05, 0.075, 0.1, 0.1, 0.1])
  }

  override class func tearDown() {
    print("PyTorch oracle: max abs error \(Fixtures.maxError); gradient checks passed: \(GradCheck.passed)")
    super.tearDown()
  }
}
