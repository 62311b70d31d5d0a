import Foundation

/// The training recipe behind `mote train`: Adam with cosine decay to 1% of the peak rate, cross-entropy,
/// per-epoch evaluation on the test set, TensorBoard scalars `loss`, `accuracy`, `learning_rate`,
/// `test_loss`, `test_accuracy`.
public struct TrainingRecipe: Sendable {
  /// A built-in architecture name (`Architectures.names`).
  public var arch: String
  /// Passes over the training set.
  public var epochs: Int
  /// Seed of weight initialization and shuffling.
  public var seed: UInt64
  /// Samples per minibatch.
  public var batchSize: Int
  /// Peak learning rate.
  public var learningRate: Float

  /// Creates a recipe with `mote train`'s defaults.
  public init(arch: String, epochs: Int = 30, seed: UInt64 = 0, batchSize: Int = 32, learningRate: Float = 1e-2) {
    self.arch = arch; self.epochs = epochs; self.seed = seed; self.batchSize = batchSize; self.learningRate = learningRate
  }

  /// What a finished run reports.
  public struct Report: Sendable {
    /// Accuracy on the test set after the last epoch.
    public var testAccuracy: Float
    /// Accuracy on the training set (evaluation mode) after the last epoch.
    public var trainAccuracy: Float
    /// Mean training loss of the last epoch.
    public var finalLoss: Float
    /// Wall-clock seconds spent in the epoch loop (training and per-epoch evaluation).
    public var trainSeconds: Double
    /// Mean wall-clock milliseconds of one training step (forward, backward, optimizer update) alone.
    public var msPerStep: Double
  }

  /// Trains a fresh model on `train` (samples already shaped for the architecture) and evaluates on `test`.
  /// `onStep(epoch, step, loss)` runs after each step, `onEpoch(epoch, train, test, lr)` after each epoch.
  public func run(train: TensorDataset, test: TensorDataset, events: SummaryWriter? = nil,
                  onStep: (Int, Int, Float) -> Void = { _, _, _ in },
                  onEpoch: (Int, EpochResult, EpochResult, Float) -> Void = { _, _, _, _ in })
    -> (model: Sequential, optimizer: Adam, report: Report) {
    guard let model = Architectures.make(arch, seed: seed) else { preconditionFailure("unknown architecture \(arch)") }
    let optimizer = Adam(parameters: model.namedParameters, learningRate: learningRate)
    let loader = DataLoader(train, batchSize: batchSize, shuffle: true, seed: seed)
    let schedule = CosineLR(base: learningRate, totalSteps: epochs * loader.batchCount, minimum: learningRate / 100)
    var last = EpochResult(loss: 0, accuracy: 0), testResult = EpochResult(loss: 0, accuracy: 0)
    let start = Date()
    var stepTime = 0.0
    for epoch in 0..<epochs {
      let epochStart = Date()
      last = Training.trainEpoch(model: model, optimizer: optimizer, loader: loader, epoch: epoch, schedule: schedule) {
        onStep(epoch, $0, $1)
      }
      stepTime += Date().timeIntervalSince(epochStart)
      testResult = Training.evaluate(model: model, dataset: test)
      events?.add(scalars: [("loss", last.loss), ("accuracy", last.accuracy), ("learning_rate", optimizer.learningRate),
                            ("test_loss", testResult.loss), ("test_accuracy", testResult.accuracy)],
                  step: (epoch + 1) * loader.batchCount)
      onEpoch(epoch, last, testResult, optimizer.learningRate)
    }
    let seconds = Date().timeIntervalSince(start)
    let trainAccuracy = Training.evaluate(model: model, dataset: train).accuracy
    return (model, optimizer, Report(testAccuracy: testResult.accuracy, trainAccuracy: trainAccuracy,
                                     finalLoss: last.loss, trainSeconds: seconds,
                                     msPerStep: 1000 * stepTime / Double(max(optimizer.stepCount, 1))))
  }
}
