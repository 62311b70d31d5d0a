import Converter
import MicroRuntime
import TrainCore
import XCTest

/// Float32 conversion of TrainCore models: TrainCore, MicroRuntime and LiteRT agree within 1e-5.
final class FloatConversionTests: XCTestCase {
  /// TrainCore's eval-mode forward pass, one sample at a time.
  func trainCoreOutputs(_ model: any Layer, _ xs: [[Float]], shape: [Int]) -> [[Float]] {
    model.setTraining(false)
    return xs.map { model(Tensor(shape: [1] + shape, data: $0)).data }
  }

  func checkFloat(_ model: any Layer, shape: [Int], xs: [[Float]], label: String) throws {
    let bytes = try Converter.convert(model, inputShape: shape, options: ConversionOptions())
    let expected = trainCoreOutputs(model, xs, shape: shape)
    let micro = try runMicro(bytes, xs)
    let errMicro = maxAbsDiff(micro, expected)
    print("\(label) float: MicroRuntime vs TrainCore max |diff| = \(errMicro)")
    XCTAssertLessThanOrEqual(errMicro, 1e-5)
    let lite = try runLiteRT(bytes, xs)
    let errLite = maxAbsDiff(lite, micro)
    print("\(label) float: LiteRT vs MicroRuntime max |diff| = \(errLite)")
    XCTAssertLessThanOrEqual(errLite, 1e-5)
  }

  func testDigitsMLPFloat() throws {
    try checkFloat(try trainedModel("digits-mlp"), shape: [64], xs: samples(try digits("digits-mlp").test), label: "digits-mlp")
  }

  func testDigitsCNNFloat() throws {
    try checkFloat(try trainedModel("digits-cnn"), shape: [8, 8, 1], xs: samples(try digits("digits-cnn").test), label: "digits-cnn")
  }

  func testMLPOperatorsAndNames() throws {
    let g = try Converter.floatGraph(try trainedModel("digits-mlp"), inputShape: [64])
    XCTAssertEqual(g.operators.map(\.code), [.fullyConnected, .fullyConnected])
    XCTAssertEqual(g.operators[0].options, .fullyConnected(activation: .relu, keepNumDims: false, asymmetricQuantizeInputs: false))
    XCTAssertEqual(g.tensors[Int(g.operators[0].inputs[1])].name, "layers.0.weight")
    XCTAssertEqual(g.tensors[Int(g.operators[0].inputs[1])].shape, [32, 64])
    XCTAssertEqual(g.tensors[Int(g.operators[1].inputs[2])].name, "layers.1.bias")
  }

  func testBatchNormIsFoldedAndReluFused() throws {
    var rng = Xoshiro256(seed: 3)
    let bn = BatchNorm(features: 4)
    bn.runningMean.data = [0.5, -0.25, 0.1, 0]
    bn.runningVar.data = [2, 0.5, 1, 4]
    bn.weight.data = [1.5, 0.5, -1, 2]
    bn.bias.data = [0.1, 0.2, -0.3, 0.4]
    let model = Sequential([
      Conv2D(inChannels: 1, filters: 4, kernelSize: (3, 3), padding: .same, rng: &rng),
      bn,
      ActivationLayer(.relu),
      Dropout(rate: 0.5),
      Flatten(),
      Dense(inputSize: 64 * 4, outputSize: 3, activation: .tanh, rng: &rng),
    ])
    let g = try Converter.floatGraph(model, inputShape: [8, 8, 1])
    XCTAssertEqual(g.operators.map(\.code), [.conv2D, .reshape, .fullyConnected, .tanh])
    XCTAssertEqual(g.operators[0].options.activation, .relu)
    let xs = samples(try digits("digits-cnn").test).prefix(50).map { $0 }
    try checkFloat(model, shape: [8, 8, 1], xs: xs, label: "conv+bn+relu")
  }

  func testResidualDepthwiseAndGlobalPool() throws {
    var rng = Xoshiro256(seed: 5)
    let bn = BatchNorm(features: 8)
    bn.runningMean.data = (0..<8).map { Float($0) * 0.1 }
    bn.runningVar.data = (0..<8).map { 1 + Float($0) * 0.2 }
    let model = Sequential([
      Conv2D(inChannels: 1, filters: 8, kernelSize: (3, 3), strides: (2, 2), padding: .same, activation: .relu6, rng: &rng),
      Residual(body: Sequential([
        DepthwiseConv2D(inChannels: 8, kernelSize: (3, 3), padding: .same, rng: &rng),
        bn,
        ActivationLayer(.hardSwish),
      ]), activation: .relu),
      AvgPool2D(poolSize: (2, 2)),
      GlobalAvgPool2D(),
      Dense(inputSize: 8, outputSize: 4, activation: .sigmoid, rng: &rng),
    ])
    let g = try Converter.floatGraph(model, inputShape: [8, 8, 1])
    XCTAssertEqual(g.operators.map(\.code), [.conv2D, .depthwiseConv2D, .hardSwish, .add, .averagePool2D, .mean, .fullyConnected, .logistic])
    let xs = samples(try digits("digits-cnn").test).prefix(50).map { $0 }
    try checkFloat(model, shape: [8, 8, 1], xs: xs, label: "residual")
  }

  func testUnsupportedLayerIsNamed() throws {
    final class Odd: Layer {
      var isTraining = false
      var config: LayerConfig { .flatten }
      func forward(_ x: Tensor) -> Tensor { x }
      var children: [NamedLayer] { [("inner", ActivationLayer(.relu))] }
    }
    var rng = Xoshiro256(seed: 1)
    let model = Sequential([Dense(inputSize: 4, outputSize: 3, rng: &rng), Odd()])
    XCTAssertThrowsError(try Converter.convert(model, inputShape: [4], options: ConversionOptions())) { e in
      XCTAssertTrue("\(e)".contains("layers.1"), "\(e)")
    }
  }
}
