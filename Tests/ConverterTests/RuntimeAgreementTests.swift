import Converter
import MicroRuntime
import TrainCore
import XCTest

/// Every conversion mode of both digits models opens in LiteRT and MicroRuntime and both give the
/// same outputs: bit for bit against LiteRT's reference kernels where activations are int8, within
/// 1e-5 where they are float.
final class RuntimeAgreementTests: XCTestCase {
  func check(_ arch: String, _ mode: QuantizationMode, io: IOType = .int8) throws {
    var o = ConversionOptions()
    o.quantization = mode
    o.io = io
    let d = try digits(arch)
    if mode == .int8 { o.calibration = samples(d.train) }
    let bytes = try Converter.convert(try trainedModel(arch), inputShape: Architectures.inputShape(arch)!, options: o)
    let xs = Array(samples(d.test).prefix(120))
    let label = "\(arch) \(mode.rawValue)\(mode == .int8 ? " io=\(io.rawValue)" : "")"
    if mode == .int8 {
      let micro = try runMicroRaw(bytes, xs)
      let (_, lite) = try runLiteRTRaw(bytes, xs, reference: true)
      let same = zip(micro, lite).filter { $0.0 == $0.1 }.count
      print("\(label): MicroRuntime equals LiteRT BUILTIN_REF on \(same) of \(xs.count)")
      XCTAssertEqual(same, xs.count, label)
    } else {
      let micro = try runMicro(bytes, xs)
      let lite = try runLiteRT(bytes, xs, reference: true)
      let diff = maxAbsDiff(micro, lite)
      print("\(label): LiteRT vs MicroRuntime max |diff| = \(diff)")
      XCTAssertLessThanOrEqual(diff, 1e-5, label)
    }
  }

  func testMLPAllModes() throws {
    for mode in QuantizationMode.allCases { try check("digits-mlp", mode) }
    try check("digits-mlp", .int8, io: .float32)
  }

  func testCNNAllModes() throws {
    for mode in QuantizationMode.allCases { try check("digits-cnn", mode) }
    try check("digits-cnn", .int8, io: .float32)
  }

  /// A model using every layer kind the converter lowers, with random BatchNorm statistics.
  static func everyLayerModel() -> Sequential {
    var rng = Xoshiro256(seed: 11)
    let bn = BatchNorm(features: 8)
    bn.runningMean.data = (0..<8).map { Float($0) * 0.05 - 0.2 }
    bn.runningVar.data = (0..<8).map { 0.5 + Float($0) * 0.1 }
    bn.weight.data = (0..<8).map { 1 + Float($0 % 3) * 0.25 }
    let standaloneBN = BatchNorm(features: 8)
    standaloneBN.runningVar.data = [Float](repeating: 2, count: 8)
    standaloneBN.bias.data = (0..<8).map { Float($0) * 0.1 }
    return Sequential([
      Conv2D(inChannels: 1, filters: 8, kernelSize: (3, 3), padding: .same, activation: .relu6, rng: &rng),
      Residual(body: Sequential([
        DepthwiseConv2D(inChannels: 8, kernelSize: (3, 3), padding: .same, rng: &rng),
        bn,
        ActivationLayer(.hardSwish),
      ]), activation: .relu),
      standaloneBN,
      ActivationLayer(.leakyRelu(alpha: 0.1)),
      MaxPool2D(poolSize: (2, 2)),
      AvgPool2D(poolSize: (2, 2), padding: .same),
      Conv2D(inChannels: 8, filters: 8, kernelSize: (1, 1), activation: .tanh, rng: &rng),
      GlobalAvgPool2D(),
      Dropout(rate: 0.25),
      Dense(inputSize: 8, outputSize: 10, activation: .sigmoid, rng: &rng),
    ])
  }

  func testEveryLayerKindInEveryMode() throws {
    let model = Self.everyLayerModel()
    let f = try Converter.floatGraph(model, inputShape: [8, 8, 1])
    XCTAssertEqual(f.operators.map(\.code), [.conv2D, .depthwiseConv2D, .hardSwish, .add, .mul, .add, .leakyRelu, .maxPool2D,
                                             .averagePool2D, .conv2D, .tanh, .mean, .fullyConnected, .logistic])
    let d = try digits("digits-cnn")
    let xs = Array(samples(d.test).prefix(60))
    model.setTraining(false)
    let expected = xs.map { model(Tensor(shape: [1, 8, 8, 1], data: $0)).data }
    for mode in QuantizationMode.allCases {
      var o = ConversionOptions()
      o.quantization = mode
      o.calibration = Array(samples(d.train).prefix(300))
      let bytes = try Converter.finish(f, options: o)
      if mode == .int8 {
        let micro = try runMicroRaw(bytes, xs)
        let (_, lite) = try runLiteRTRaw(bytes, xs, reference: true)
        let same = zip(micro, lite).filter { $0.0 == $0.1 }.count
        let err = maxAbsDiff(try runMicro(bytes, xs), expected)
        print("every-layer int8: MicroRuntime equals LiteRT BUILTIN_REF on \(same) of \(xs.count); max |int8 - TrainCore| = \(err)")
        XCTAssertEqual(same, xs.count)
        XCTAssertLessThanOrEqual(err, 0.05)
      } else {
        let micro = try runMicro(bytes, xs)
        let lite = try runLiteRT(bytes, xs, reference: true)
        print("every-layer \(mode.rawValue): LiteRT vs MicroRuntime \(maxAbsDiff(micro, lite)), vs TrainCore \(maxAbsDiff(micro, expected))")
        XCTAssertLessThanOrEqual(maxAbsDiff(micro, lite), 1e-5)
        if mode == .none { XCTAssertLessThanOrEqual(maxAbsDiff(micro, expected), 1e-5) }
      }
    }
  }
}
