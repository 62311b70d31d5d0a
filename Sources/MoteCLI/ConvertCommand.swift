import ArgumentParser
import Converter
import Foundation
import MoteIO
import TrainCore

/// `mote convert`: a TrainCore checkpoint or a float `.tflite` to a checked `.tflite`
/// (float32, float16, dynamic-range or full int8).
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert a TrainCore checkpoint (or quantize a float .tflite) into a .tflite model.",
    discussion: "Calibration data is a float32 .npy shaped like the model input with a leading batch axis; "
      + "for the digits architectures it defaults to the digits train split.")

  @Option(help: "TrainCore checkpoint (.safetensors) of a built-in architecture.") var checkpoint: String?
  @Option(help: "Architecture of the checkpoint: \(Architectures.names.joined(separator: " or ")).") var arch: String?
  @Option(name: .customLong("from"), help: "A float .tflite to quantize instead of a checkpoint.") var fromModel: String?
  @Option(help: "none, float16, dynamic or int8.") var quantize: String = "none"
  @Option(help: "Calibration inputs (.npy, float32, [N, ...input shape]) for int8.") var calibration: String?
  @Option(help: "Input/output type of an int8 model: float32 or int8.") var io: String = "int8"
  @Option(help: "Activation ranges: minmax, moving-average, percentile or mse.") var observer: String = "minmax"
  @Option(help: "Comma-separated layer names to keep in float in an int8 model.") var keepFloat: String?
  @Flag(help: "Print the per-layer error of the int8 model against the float model on the calibration data.")
  var report = false
  @Option(name: .shortAndLong, help: "Output .tflite path.") var output: String
  @Option(help: "Digits CSV for the default calibration data; default: models/data/digits.csv.") var data: String?

  func run() throws {
    reportingErrors {
      guard let mode = QuantizationMode(rawValue: quantize) else {
        throw ToolError("--quantize must be none, float16, dynamic or int8 (got '\(quantize)')")
      }
      guard let ioType = IOType(rawValue: io) else { throw ToolError("--io must be float32 or int8 (got '\(io)')") }
      guard let observerKind = ObserverKind(rawValue: observer) else {
        throw ToolError("--observer must be one of \(ObserverKind.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(observer)')")
      }
      var options = ConversionOptions()
      options.quantization = mode
      options.io = ioType
      options.observer = observerKind
      options.keepFloat = keepFloat.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
      if mode != .int8 {
        if !options.keepFloat.isEmpty { throw ToolError("--keep-float needs --quantize int8") }
        if report { throw ToolError("--report needs --quantize int8") }
      }

      let floatGraph: TFLiteGraph
      let inputShape: [Int]
      switch (checkpoint, fromModel) {
      case (let ck?, nil):
        guard let arch else { throw ToolError("--checkpoint needs --arch (\(Architectures.names.joined(separator: " or ")))") }
        guard let model = Architectures.make(arch), let shape = Architectures.inputShape(arch) else {
          throw ToolError("unknown architecture '\(arch)'; expected one of: \(Architectures.names.joined(separator: ", "))")
        }
        guard FileManager.default.fileExists(atPath: ck) else { throw ToolError("\(ck): no such file") }
        do { try Checkpoint.load(into: model, from: ck) } catch { throw ToolError("\(ck): \(error)") }
        var g = try Converter.floatGraph(model, inputShape: shape)
        g.description = "Mote Converter (\(arch))"
        floatGraph = g
        inputShape = shape
      case (nil, let path?):
        if arch != nil { throw ToolError("--arch goes with --checkpoint, not --from") }
        guard FileManager.default.fileExists(atPath: path) else { throw ToolError("\(path): no such file") }
        let file = try AlignedBytes(contentsOf: path)   // one clear line for a directory or unreadable file
        let bytes = [UInt8](file.bytes)
        let g = try TFLiteGraph(reading: bytes)
        for t in g.tensors where t.type == .int8 || t.type == .float16 {
          throw ToolError("\(path): already quantized (tensor '\(t.name)'); give a float model")
        }
        guard g.inputs.count == 1 else { throw ToolError("\(path): only single-input models can be converted (it has \(g.inputs.count))") }
        floatGraph = g
        inputShape = Array(g.tensors[Int(g.inputs[0])].shape.dropFirst()).map(Int.init)
      case (nil, nil):
        throw ToolError("give --checkpoint CK.safetensors --arch NAME, or --from MODEL.tflite")
      default:
        throw ToolError("give either --checkpoint or --from, not both")
      }

      if mode == .int8 {
        options.calibration = try calibrationSamples(inputShape: inputShape)
      } else if calibration != nil {
        throw ToolError("--calibration is only used with --quantize int8")
      }
      let quantized = try Converter.quantizedGraph(floatGraph, options: options)
      let bytes = try TFLiteWriter.serialize(quantized)
      try Converter.check(bytes, mode: mode)
      try Converter.write(bytes, to: output)
      print("\(output): \(bytes.count) bytes, \(quantized.operators.count) operators, quantize=\(mode.rawValue)"
            + (mode == .int8 ? " io=\(ioType.rawValue) calibration=\(options.calibration.count) samples" : ""))
      if report {
        print(try QuantizationReport(float: floatGraph, quantized: quantized, samples: options.calibration).text)
      }
    }
  }

  /// The calibration samples: the --calibration .npy, or the digits train split for the digits archs.
  func calibrationSamples(inputShape: [Int]) throws -> [[Float]] {
    let per = inputShape.reduce(1, *)
    if let calibration {
      let a = try NPYArray.read(path: calibration)
      guard a.type == .float32 else {
        throw ToolError("\(calibration): dtype \(a.type.displayName.lowercased()), calibration data must be float32")
      }
      guard Array(a.shape.dropFirst()) == inputShape, let n = a.shape.first, n > 0 else {
        throw ToolError("\(calibration): shape \(a.shape), expected [N, \(inputShape.map(String.init).joined(separator: ", "))] with N > 0")
      }
      let v = a.floats
      if let bad = v.firstIndex(where: { !$0.isFinite }) { throw ToolError("\(calibration): element \(bad) is not finite") }
      return (0..<n).map { Array(v[($0 * per)..<(($0 + 1) * per)]) }
    }
    guard let arch, Architectures.names.contains(arch) else {
      throw ToolError("--quantize int8 needs --calibration DATA.npy (float32, [N, \(inputShape.map(String.init).joined(separator: ", "))])")
    }
    let train = try digitsSplit(data).train.reshaped(sampleShape: inputShape)
    return (0..<train.count).map { Array(train.inputs.data[($0 * per)..<(($0 + 1) * per)]) }
  }
}
