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
    // Define: a small MLP for the 8×8 digits (64 pixels → 10 classes).
    var rng = Xoshiro256(seed: 0)
    let model = Sequential([Dense(inputSize: 64, outputSize: 32, activation: .relu, rng: &rng),
                            Dense(inputSize: 32, outputSize: 10, rng: &rng)])
    let (train, test) = Digits.split(try Digits.load(csvPath: csv))
    let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-2)
    // Train: define-by-run autograd, PyTorch style.
    for epoch in 0..<10 {
      for (x, y) in DataLoader(train, batchSize: 32, seed: 0).batches(epoch: epoch) {
        optimizer.zeroGrad()
        crossEntropy(logits: model(x), labels: y).backward()
        optimizer.step()
      }
    }
    // Convert: full int8 .tflite, calibrated on training samples; LiteRT runs it unchanged.
    var options = ConversionOptions()
    options.quantization = .int8
    options.calibration = (0..<200).map { Array(train.inputs.data[($0 * 64)..<($0 * 64 + 64)]) }
    try Converter.write(try Converter.convert(model, inputShape: [64], options: options), to: out)
    // Run: MicroRuntime, in one exact-size arena, no allocation while it runs.
    let runner = try ModelRunner(path: out)
    let q = try runner.interpreter.input(0)
    let pixels = test.inputs.data[0..<64].map { Int8(max(-128, min(127, ($0 / q.scale).rounded() + Float(q.zeroPoint)))) }
    try runner.setInputs([NPYArray(type: .int8, shape: [1, 64], data: pixels.map { UInt8(bitPattern: $0) })], names: [])
    try runner.invoke()
    let scores = try runner.outputs()[0].doubles
    print("predicted", scores.indices.max { scores[$0] < scores[$1] }!, "label", test.labels[0])
    // --- README example ends ---
    XCTAssertEqual(scores.indices.max { scores[$0] < scores[$1] }!, test.labels[0])
  }
}
