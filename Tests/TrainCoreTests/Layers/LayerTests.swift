import XCTest
@testable import TrainCore

final class RecordingTracer: LayerTracer {
  var calls: [(path: String, config: LayerConfig, inShape: [Int], outShape: [Int])] = []
  func willCall(_ layer: any Layer, path: String, input: Tensor) {}
  func didCall(_ layer: any Layer, path: String, input: Tensor, output: Tensor) {
    calls.append((path, layer.config, input.shape, output.shape))
  }
}

final class LayerTests: XCTestCase {
  func testParameterNamesAreStable() {
    let cnn = Architectures.digitsCNN(seed: 1)
    XCTAssertEqual(cnn.namedParameters.map(\.name), [
      "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.5.weight", "layers.5.bias",
    ])
    XCTAssertEqual(cnn.namedParameters.map(\.tensor.shape), [[3, 3, 1, 8], [8], [3, 3, 8, 16], [16], [64, 10], [10]])
    var rng = Xoshiro256(seed: 2)
    let block = Residual(body: Sequential([Dense(inputSize: 4, outputSize: 4, rng: &rng), BatchNorm(features: 4)]),
                         shortcut: Dense(inputSize: 4, outputSize: 4, useBias: false, rng: &rng))
    XCTAssertEqual(block.stateTensors.map(\.name), [
      "body.layers.0.weight", "body.layers.0.bias", "body.layers.1.weight", "body.layers.1.bias", "shortcut.weight",
      "body.layers.1.running_mean", "body.layers.1.running_var",
    ])
  }

  func testTracingWalksLayersWithPathsAndConfigs() {
    let mlp = Architectures.digitsMLP(seed: 0)
    let tracer = RecordingTracer()
    let y = Tracing.trace(with: tracer) { mlp(Tensor.zeros([1, 64])) }
    XCTAssertEqual(y.shape, [1, 10])
    XCTAssertFalse(y.requiresGrad, "tracing runs without recording gradients")
    XCTAssertEqual(tracer.calls.map(\.path), ["layers.0", "layers.1", ""])
    XCTAssertEqual(tracer.calls[0].config, .dense(inputSize: 64, outputSize: 32, useBias: true, activation: .relu))
    XCTAssertEqual(tracer.calls[1].outShape, [1, 10])
    XCTAssertEqual(tracer.calls[2].config, .sequential)
    // outside a trace nothing is recorded
    _ = mlp(Tensor.zeros([1, 64]))
    XCTAssertEqual(tracer.calls.count, 3)
  }

  func testRecorderLinksCallsByTensorIdentity() {
    var rng = Xoshiro256(seed: 8)
    let model = Sequential([
      Dense(inputSize: 4, outputSize: 4, activation: .relu, rng: &rng),
      Residual(body: Sequential([Dense(inputSize: 4, outputSize: 4, rng: &rng)]), activation: .relu6),
      Dense(inputSize: 4, outputSize: 2, rng: &rng),
    ])
    let x = Tensor.ones([1, 4])
    let (rec, y) = LayerCallRecorder.record(model, input: x)
    XCTAssertEqual(rec.calls.map(\.path), ["layers.0", "layers.1.body.layers.0", "layers.1.body", "layers.1", "layers.2", ""])
    XCTAssertEqual(rec.calls.filter(\.isLeaf).map(\.path), ["layers.0", "layers.1.body.layers.0", "layers.2"])
    let c = rec.calls
    XCTAssertTrue(c[0].input === x)
    XCTAssertTrue(c[1].input === c[0].output, "the residual body reads the first layer's output")
    XCTAssertTrue(c[3].input === c[0].output)
    XCTAssertTrue(c[4].input === c[3].output, "the last dense reads the residual block's output")
    XCTAssertTrue(c[5].output === y)
    XCTAssertEqual(c[3].layer.config, .residual(activation: .relu6))
    // the residual's output is act(body + input), recomputed here from recorded tensors
    let expected = (c[2].output + c[3].input).relu6()
    XCTAssertEqual(c[3].output.data, expected.data)

    let bn = BatchNorm(features: 4)
    let withBN = Sequential([bn])
    _ = LayerCallRecorder.record(withBN, input: Tensor(shape: [2, 4], data: [1, 2, 3, 4, 5, 6, 7, 8]))
    XCTAssertEqual(bn.runningMean.data, [0, 0, 0, 0], "recording runs in evaluation mode")
    XCTAssertTrue(bn.isTraining, "and restores the previous mode")
  }

  func testDenseMatchesFormula() {
    var rng = Xoshiro256(seed: 3)
    let d = Dense(inputSize: 3, outputSize: 2, activation: .relu, rng: &rng)
    d.bias!.data = [0.5, -10]
    let x = Tensor(shape: [1, 3], data: [1, 2, 3])
    let y = d(x)
    let w = d.weight.data
    let z0 = 1 * w[0] + 2 * w[2] + 3 * w[4] + 0.5
    XCTAssertEqual(y.data[0], max(z0, 0), accuracy: 1e-6)
    XCTAssertEqual(y.data[1], 0)   // -10 bias clipped by relu
  }

  func testLayerGradients() {
    var rng = Xoshiro256(seed: 4)
    let conv = Conv2D(inChannels: 2, filters: 3, kernelSize: (3, 3), strides: (2, 2), padding: .same,
                      activation: .tanh, rng: &rng)
    conv.bias!.data = [0.1, -0.2, 0.3]
    let x = GradCheck.rand([2, 5, 5, 2], seed: 5)
    GradCheck.check("Conv2D layer", [x, conv.weight, conv.bias!]) { t in conv(t[0]) }
    let dw = DepthwiseConv2D(inChannels: 2, depthMultiplier: 2, kernelSize: (3, 3), padding: .same,
                             activation: .sigmoid, rng: &rng)
    GradCheck.check("DepthwiseConv2D layer", [x, dw.weight, dw.bias!]) { t in dw(t[0]) }
    let block = Residual(body: Sequential([
      Dense(inputSize: 4, outputSize: 4, activation: .tanh, rng: &rng), Dense(inputSize: 4, outputSize: 4, rng: &rng),
    ]), activation: .sigmoid)
    GradCheck.check("Residual block", [GradCheck.rand([3, 4], seed: 6)] + block.parameters) { t in block(t[0]) }
    let head = Sequential([GlobalAvgPool2D(), Dense(inputSize: 2, outputSize: 3, rng: &rng)])
    GradCheck.check("GlobalAvgPool+Dense", [x] + head.parameters) { t in head(t[0]) }
  }

  func testTrainEvalModes() {
    let bn = BatchNorm(features: 2)
    let model = Sequential([bn, Dropout(rate: 0.5, seed: 1)])
    let x = Tensor(shape: [4, 2], data: [1, 10, 2, 20, 3, 30, 4, 40])
    _ = model(x)
    XCTAssertEqual(bn.runningMean.data[0], 0.25, accuracy: 1e-6)
    model.setTraining(false)
    XCTAssertFalse(bn.isTraining)
    let y1 = model(x), y2 = model(x)
    XCTAssertEqual(y1.data, y2.data, "evaluation is deterministic: no dropout, running stats")
    XCTAssertEqual(bn.runningMean.data[0], 0.25, accuracy: 1e-6, "evaluation leaves running stats alone")
    XCTAssertEqual(y1.data[0], (1 - 0.25) / (bn.runningVar.data[0] + 1e-5).squareRoot(), accuracy: 1e-5)
  }

  func testActivationEnum() {
    let x = Tensor(shape: [3], data: [-2, 0.5, 8])
    XCTAssertEqual(Activation.relu6(x).data, [0, 0.5, 6])
    XCTAssertEqual(Activation.leakyRelu(alpha: 0.1)(x).data[0], -0.2, accuracy: 1e-7)
    XCTAssertEqual(Activation.none(x).data, x.data)
    XCTAssertEqual(ActivationLayer(.hardSwish).config, .activation(.hardSwish))
  }
}
