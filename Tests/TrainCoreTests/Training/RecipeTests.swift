import Foundation
import XCTest
@testable import TrainCore

final class RecipeTests: XCTestCase {
  /// The acceptance bar of `mote train --arch digits-cnn --epochs 30`: at least 97% on the fixed test split,
  /// and the checkpoint reloads into the architecture rebuilt by name with identical predictions.
  func testDigitsCNNReaches97Percent() throws {
    let (train, test) = Digits.split(try Digits.load(csvPath: DataTests.digitsPath))
    let shape = Architectures.inputShape("digits-cnn")!
    let trainImages = train.reshaped(sampleShape: shape), testImages = test.reshaped(sampleShape: shape)
    var epochs = 0
    let (model, optimizer, report) = TrainingRecipe(arch: "digits-cnn").run(train: trainImages, test: testImages,
                                                                              onEpoch: { _, _, _, _ in epochs += 1 })
    XCTAssertEqual(epochs, 30)
    XCTAssertGreaterThanOrEqual(report.testAccuracy, 0.97)
    XCTAssertEqual(optimizer.stepCount, 30 * 45)

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Checkpoint.save(model: model, optimizer: optimizer, metadata: ["arch": "digits-cnn"], to: path)
    let rebuilt = Architectures.make("digits-cnn", seed: 99)!
    let meta = try Checkpoint.load(into: rebuilt, from: path)
    XCTAssertEqual(meta["arch"], "digits-cnn")
    XCTAssertEqual(Training.evaluate(model: rebuilt, dataset: testImages).accuracy, report.testAccuracy)
  }
}
