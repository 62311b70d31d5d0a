import Converter
import TrainCore
import XCTest

/// Graph passes on traced TrainCore models, with TrainCore's own forward pass as the oracle.
final class PassesTests: XCTestCase {
  func bn(_ features: Int, _ k: Float) -> BatchNorm {
    let b = BatchNorm(features: features)
    b.runningMean.data = (0..<features).map { Float($0) * 0.1 * k }
    b.runningVar.data = (0..<features).map { 1 + Float($0) * 0.3 * k }
    b.weight.data = (0..<features).map { 1 - Float($0) * 0.2 * k }
    b.bias.data = (0..<features).map { Float($0) * 0.05 - k }
    return b
  }

  func testTwoBatchNormsFoldIntoTheDenseBeforeThem() throws {
    var rng = Xoshiro256(seed: 2)
    let model = Sequential([Dense(inputSize: 64, outputSize: 6, rng: &rng), bn(6, 1), bn(6, 0.5), ActivationLayer(.relu6),
                            Dense(inputSize: 6, outputSize: 3, rng: &rng)])
    let g = try Converter.floatGraph(model, inputShape: [64])
    XCTAssertEqual(g.operators.map(\.code), [.fullyConnected, .fullyConnected])
    XCTAssertEqual(g.operators[0].options.activation, .relu6)
    XCTAssertEqual(g.operators[0].origin, "layers.0+layers.1+layers.2")
    let xs = Array(samples(try digits("digits-mlp").test).prefix(40))
    model.setTraining(false)
    let expected = xs.map { model(Tensor(shape: [1, 64], data: $0)).data }
    let bytes = try Converter.convert(model, inputShape: [64], options: ConversionOptions())
    XCTAssertLessThanOrEqual(maxAbsDiff(try runMicro(bytes, xs), expected), 1e-5)
  }

  func testBatchNormAfterAnActivatedLayerStaysAMulAdd() throws {
    var rng = Xoshiro256(seed: 4)
    let model = Sequential([Dense(inputSize: 64, outputSize: 6, activation: .relu, rng: &rng), bn(6, 1)])
    let g = try Converter.floatGraph(model, inputShape: [64])
    XCTAssertEqual(g.operators.map(\.code), [.fullyConnected, .mul, .add])
    let xs = Array(samples(try digits("digits-mlp").test).prefix(40))
    model.setTraining(false)
    let expected = xs.map { model(Tensor(shape: [1, 64], data: $0)).data }
    let bytes = try Converter.convert(model, inputShape: [64], options: ConversionOptions())
    XCTAssertLessThanOrEqual(maxAbsDiff(try runMicro(bytes, xs), expected), 1e-5)
  }
}
