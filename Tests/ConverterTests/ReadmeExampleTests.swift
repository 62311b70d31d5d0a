import Converter
import MoteIO
import TrainCore
import XCTest

/// The Swift example of README.md, compiled and run, so the README stays true.
final class ReadmeExampleTests: XCTestCase {
  func testReadmeExample() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let csv = root.appendingPathComponent("models/data/digits.csv").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(getpid()).tflite").path
    // --- README example starts ---
    var rng = Xoshiro256(seed: 0)                       // define: a small MLP, 64 pixels → 10 digits
    let model = Sequential([Dense(inputSize: 64, outputSize: 32, activation: .relu, rng: &rng),
                            Dense(inputSize: 32, outputSize: 10, rng: &rng)])
    let (train, test) = Digits.split(try Digits.load(csvPath: csv))
    let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-2)
    for epoch in 0..<10 {                               // train: define-by-run autograd
      for (x, y) in DataLoader(train, batchSize: 32, seed: 0).batches(epoch: epoch) {
        optimizer.zeroGrad()
        crossEntropy(logits: model(x), labels: y).backward()
        optimizer.step()
      }
    }
    var options = ConversionOptions()                   // convert: full int8, float32 in and out
    options.quantization = .int8
    options.io = .float32
    options.calibration = (0..<200).map { Array(train.inputs.data[($0 * 64)..<($0 * 64 + 64)]) }
    try Converter.write(try Converter.convert(model, inputShape: [64], options: options), to: out)
    let runner = try ModelRunner(path: out)             // run: MicroRuntime, one exact-size arena
    try runner.setInputs([NPYArray(floats: Array(test.inputs.data[0..<64]), shape: [1, 64])], names: [])
    try runner.invoke()
    let scores = try runner.outputs()[0].floats
    print("predicted", scores.indices.max { scores[$0] < scores[$1] }!, "label", test.labels[0])
    // --- README example ends ---
    XCTAssertEqual(scores.indices.max { scores[$0] < scores[$1] }!, test.labels[0])
  }
}
