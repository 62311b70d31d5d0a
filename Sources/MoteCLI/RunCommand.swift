import ArgumentParser
import Foundation
import MicroRuntime
import MoteIO

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a .tflite model in MicroRuntime on .npy inputs and write output_K.npy files.")

  @Argument(help: "The .tflite model.") var model: String
  @Option(name: .customLong("input"), help: "An input .npy file, in input order (repeat for each input).")
  var inputs: [String] = []
  @Option(name: .customLong("output-dir"), help: "Where to write output_0.npy, output_1.npy, ...") var outputDir: String

  func run() throws {
    reportingErrors {
      let runner = try ModelRunner(path: model)
      // Each header is compared with the model before its payload is read.
      let arrays = try inputs.enumerated().map { i, path in
        try NPYArray.read(path: path) { type, shape in try runner.checkInput(i, type: type, shape: shape, name: path) }
      }
      try runner.setInputs(arrays, names: inputs)
      try runner.invoke()
      do {
        try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
      } catch {
        throw ToolError("\(outputDir): cannot create the output directory")
      }
      for (k, array) in try runner.outputs().enumerated() {
        let path = (outputDir as NSString).appendingPathComponent("output_\(k).npy")
        try array.write(path: path)
        print("\(path): \(array.type.displayName.lowercased()) \(array.shape)")
      }
    }
  }
}
