import ArgumentParser
import Foundation
import MicroRuntime
import MoteIO
import TrainCore

/// `mote eval`: accuracy and latency of a digits classifier .tflite in MicroRuntime on the fixed split.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate a digits classifier .tflite in MicroRuntime: accuracy on the fixed test split and latency.",
    discussion: "The model's input decides the layout ([1, 64] or [1, 8, 8, 1]); int8 inputs are quantized with the "
      + "input's scale and zero point. The last line of stdout is one JSON object.")

  @Argument(help: "The .tflite model.") var model: String
  @Option(help: "Digits CSV; default: models/data/digits.csv.") var data: String?
  @Option(help: "Which part of the data: test, train or all.") var split: String = "test"
  @Option(help: "Also write the split as DIR/digits_<split>_x.npy (float32, [N, model input without batch]) and _y.npy (int32).")
  var export: String?

  func run() throws {
    reportingErrors {
      let (train, test) = try digitsSplit(data)
      let set: TensorDataset
      switch split {
      case "test": set = test
      case "train": set = train
      case "all": set = TensorDataset(inputs: Tensor(shape: [train.count + test.count, 64], data: train.inputs.data + test.inputs.data),
                                      labels: train.labels + test.labels)
      default: throw ToolError("--split must be test, train or all")
      }
      let runner = try ModelRunner(path: model)
      guard runner.interpreter.inputCount == 1, runner.interpreter.outputCount >= 1 else {
        throw ToolError("\(model): \(runner.interpreter.inputCount) input(s) and \(runner.interpreter.outputCount) output(s); a digits classifier has one input and an output of scores")
      }
      let input = try runner.interpreter.input(0)
      let shape = (0..<input.dims.rank).map { input.dims[$0] }
      guard input.elementCount == 64, shape.first == 1 else {
        throw ToolError("\(model): input shape \(shape) is not a digits input ([1, 64] or [1, 8, 8, 1])")
      }
      if let export {
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        try MoteIO.NPYArray(floats: set.inputs.data, shape: [set.count] + shape.dropFirst())
          .write(path: "\(export)/digits_\(split)_x.npy")
        try MoteIO.NPYArray(type: .int32, shape: [set.count], data: set.labels.map { Int32($0) }.withUnsafeBytes { Array($0) })
          .write(path: "\(export)/digits_\(split)_y.npy")
      }
      var correct = 0
      var seconds = 0.0
      for i in 0..<set.count {
        let pixels = Array(set.inputs.data[(i * 64)..<((i + 1) * 64)])
        let array: MoteIO.NPYArray
        switch input.type {
        case .float32: array = MoteIO.NPYArray(floats: pixels, shape: shape)
        case .int8:
          let q = pixels.map { x -> Int8 in
            let v = (x / input.scale).rounded(.toNearestOrAwayFromZero) + Float(input.zeroPoint)
            return Int8(max(-128, min(127, v)))
          }
          array = MoteIO.NPYArray(type: .int8, shape: shape, data: q.map { UInt8(bitPattern: $0) })
        default: throw ToolError("\(model): input type \(input.type.displayName) is not float32 or int8")
        }
        try runner.setInputs([array], names: [])
        let t0 = DispatchTime.now().uptimeNanoseconds
        try runner.invoke()
        seconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let scores = try runner.outputs()[0].doubles
        if scores.indices.max(by: { scores[$0] < scores[$1] }) == set.labels[i] { correct += 1 }
      }
      let accuracy = Double(correct) / Double(set.count)
      let size = (try? FileManager.default.attributesOfItem(atPath: model)[.size] as? Int) ?? 0
      print(String(format: "%@: %@ accuracy %.4f (%d/%d), %.1f us per inference, arena %d bytes, model %d bytes",
                   model, split, accuracy, correct, set.count, seconds / Double(set.count) * 1e6,
                   runner.interpreter.arenaUsage.total, size))
      print(JSON.object([
        ("model", .string(model)), ("split", .string(split)), ("samples", .int(Int64(set.count))),
        ("accuracy", .double(accuracy)), ("us_per_inference", .double(seconds / Double(set.count) * 1e6)),
        ("arena_bytes", .int(Int64(runner.interpreter.arenaUsage.total))), ("model_bytes", .int(Int64(size))),
      ]).serialized())
    }
  }
}
