import ArgumentParser
import Foundation
import TrainCore

/// `mote train`: trains a built-in architecture on the digits data and writes a checkpoint and TensorBoard events.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a built-in architecture (digits-mlp or digits-cnn) on the UCI 8x8 digits.",
    discussion: "Writes DIR/model.safetensors (weights, optimizer state, metadata) and DIR/events.out.tfevents.*; "
      + "the last line of stdout is one JSON object with the results.")

  @Option(help: "Architecture: \(Architectures.names.joined(separator: " or ")).")
  var arch: String

  @Option(help: "Number of passes over the training set.")
  var epochs: Int = 30

  @Option(help: "Seed for weight initialization and shuffling.")
  var seed: UInt64 = 0

  @Option(help: "Samples per minibatch.")
  var batchSize: Int = 32

  @Option(help: "Peak learning rate (Adam, cosine decay to 1% over the run).")
  var lr: Float = 1e-2

  @Option(help: "Digits CSV (64 pixels 0-16 and a label per row); default: models/data/digits.csv.")
  var data: String?

  @Option(help: "Directory for model.safetensors and the TensorBoard event file.")
  var outputDir: String

  func validate() throws {
    guard Architectures.names.contains(arch) else {
      throw ValidationError("unknown architecture '\(arch)'; expected one of: \(Architectures.names.joined(separator: ", "))")
    }
    guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
    guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    guard lr > 0 && lr.isFinite else { throw ValidationError("--lr must be a positive number") }
  }

  /// Finds the digits CSV: the `--data` path, else `models/data/digits.csv` under the working directory
  /// or any ancestor of the executable's directory.
  func digitsPath() throws -> String {
    if let data { return data }
    let rel = "models/data/digits.csv"
    if FileManager.default.fileExists(atPath: rel) { return rel }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent(rel).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    throw TrainError("cannot find \(rel); pass --data PATH")
  }

  func run() throws {
    let all: TensorDataset
    let path = try digitsPath()
    do { all = try Digits.load(csvPath: path) } catch { throw TrainError(String(describing: error)) }
    var (train, test) = Digits.split(all)
    let shape = Architectures.inputShape(arch)!
    train = train.reshaped(sampleShape: shape)
    test = test.reshaped(sampleShape: shape)

    try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
    let events = try SummaryWriter(logDirectory: outputDir)
    defer { events.close() }
    let checkpoint = (outputDir as NSString).appendingPathComponent("model.safetensors")

    let recipe = TrainingRecipe(arch: arch, epochs: epochs, seed: seed, batchSize: batchSize, learningRate: lr)
    let bar = ProgressBar(total: (train.count + batchSize - 1) / batchSize)
    var curve: [EpochPoint] = []
    let (model, optimizer, report) = recipe.run(train: train, test: test, events: events, onStep: { epoch, step, loss in
      bar.update(step: step + 1, prefix: "epoch \(epoch + 1)/\(epochs)", status: String(format: "loss %.4f", loss))
    }, onEpoch: { epoch, tr, te, rate in
      curve.append(EpochPoint(trainLoss: Double(tr.loss), trainAccuracy: Double(tr.accuracy),
                              testLoss: Double(te.loss), testAccuracy: Double(te.accuracy)))
      bar.finish(String(format: "epoch %d/%d  loss %.4f  acc %.4f  test_loss %.4f  test_acc %.4f  lr %.2e",
                        epoch + 1, epochs, tr.loss, tr.accuracy, te.loss, te.accuracy, rate))
    })
    do {
      try Checkpoint.save(model: model, optimizer: optimizer, metadata: [
        "arch": arch, "epochs": String(epochs), "seed": String(seed), "format": "mote-traincore-1",
        "input_shape": shape.map(String.init).joined(separator: ","),
        "test_accuracy": String(report.testAccuracy),
      ], to: checkpoint)
    } catch { throw TrainError(String(describing: error)) }

    let curves = (outputDir as NSString).appendingPathComponent("curves.svg")
    do {
      try CurvesPlot.svg(curve, title: "mote train --arch \(arch) (seed \(seed))")
        .write(toFile: curves, atomically: true, encoding: .utf8)
    } catch { throw TrainError("\(curves): cannot write (\(error.localizedDescription))") }

    let summary: [String: Any] = [
      "arch": arch, "epochs": epochs, "seed": seed, "batch_size": batchSize,
      "test_accuracy": Double(report.testAccuracy), "train_accuracy": Double(report.trainAccuracy),
      "final_loss": Double(report.finalLoss), "train_seconds": (report.trainSeconds * 1000).rounded() / 1000,
      "ms_per_step": (report.msPerStep * 1000).rounded() / 1000,
      "checkpoint": checkpoint, "events": events.path, "curves": curves,
    ]
    let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: json, as: UTF8.self))
  }
}

/// A failure of `mote train` reported as one line on stderr (exit status 1, no usage text).
struct TrainError: Error, CustomStringConvertible {
  /// The message.
  let description: String
  /// Creates an error with a message.
  init(_ description: String) { self.description = description }
}
