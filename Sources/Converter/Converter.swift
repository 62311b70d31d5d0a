import CFlatbuffers
import Foundation
import MicroRuntime
import Quantize
import TrainCore

/// The kind of quantization a conversion applies.
public enum QuantizationMode: String, CaseIterable, Sendable {
  /// Float32 throughout.
  case none
  /// Float16 weights expanded by DEQUANTIZE.
  case float16
  /// Int8 weights, float activations (hybrid kernels).
  case dynamic
  /// Full integer: int8 weights and activations.
  case int8
}

/// Settings for one conversion.
public struct ConversionOptions {
  /// The quantization mode.
  public var quantization: QuantizationMode = .none
  /// Calibration samples (each one model input, batch axis excluded), required for int8.
  public var calibration: [[Float]] = []
  /// Input / output type of an int8 model.
  public var io: IOType = .int8
  /// Layer names (or operator origins) to keep in float in an int8 model.
  public var keepFloat: [String] = []
  /// How activation ranges are chosen.
  public var observer: ObserverKind = .minmax
  /// The description string written into the model.
  public var description = "Mote Converter (TrainCore model)"
  /// Default options: float32.
  public init() {}
}

/// Converts TrainCore models and float `.tflite` files into checked `.tflite` bytes.
public enum Converter {
  /// Traces `model` on one sample of `inputShape` (batch axis excluded) and lowers it to a float graph.
  public static func floatGraph(_ model: any Layer, inputShape: [Int]) throws -> TFLiteGraph {
    let count = inputShape.reduce(1, *)
    let probe = Tensor(shape: [1] + inputShape, data: (0..<count).map { Float($0 % 7) / 7 })
    var ir = try GraphIR.trace(model, input: probe)
    ir.optimize()
    return try ir.lower()
  }

  /// Converts a TrainCore model: trace, fold, lower, quantize as `options` asks, serialize and check.
  public static func convert(_ model: any Layer, inputShape: [Int], options: ConversionOptions) throws -> [UInt8] {
    var g = try floatGraph(model, inputShape: inputShape)
    g.description = options.description
    return try finish(g, options: options)
  }

  /// Quantizes a float `.tflite` model (for example one TensorFlow wrote) as `options` asks.
  public static func convert(tflite bytes: [UInt8], options: ConversionOptions) throws -> [UInt8] {
    let g = try TFLiteGraph(reading: bytes)
    for t in g.tensors where t.type == .int8 || t.type == .float16 {
      throw ConverterError("the model is already quantized (tensor '\(t.name)' is \(t.type.name.map { "\($0)" } ?? "?")); give a float model")
    }
    guard g.inputs.count == 1 else { throw ConverterError("only single-input models can be quantized (this one has \(g.inputs.count))") }
    return try finish(g, options: options)
  }

  /// Applies the quantization mode to a float graph, then serializes and checks it.
  public static func finish(_ float: TFLiteGraph, options: ConversionOptions) throws -> [UInt8] {
    let out = try quantizedGraph(float, options: options)
    let bytes = try TFLiteWriter.serialize(out)
    try check(bytes, mode: options.quantization)
    return bytes
  }

  /// The graph after quantization (the float graph itself for `.none`).
  public static func quantizedGraph(_ float: TFLiteGraph, options: ConversionOptions) throws -> TFLiteGraph {
    switch options.quantization {
    case .none: return float
    case .float16: return float.float16Weights()
    case .dynamic:
      try float.checkQuantizable(.dynamic) { _ in true }
      return float.dynamicRangeWeights()
    case .int8:
      let origins = Set(float.operators.map(\.origin))
      for name in options.keepFloat where !origins.contains(name) {
        throw ConverterError("--keep-float: no layer named '\(name)' (layers: \(float.operators.map(\.origin).uniqued().joined(separator: ", ")))")
      }
      let keepFloat = Set(options.keepFloat)
      try float.checkQuantizable(.int8) { Int8Quantizer.runsInInt8($0, keepFloat: keepFloat) }
      let ranges = try Calibrator.ranges(of: float, samples: options.calibration, observer: options.observer)
      var q = Int8Quantizer(source: float, ranges: ranges)
      q.io = options.io
      q.keepFloat = keepFloat
      return try q.quantize()
    }
  }

  /// Checks model bytes with the flatbuffers C++ verifier and by opening them in MicroRuntime
  /// (its verifier, kernel preparation and arena planning) with every kernel it has.
  public static func check(_ bytes: [UInt8], mode: QuantizationMode = .none) throws {
    let ok = bytes.withUnsafeBufferPointer { mote_fb_verify_model($0.baseAddress, $0.count) }
    guard ok == 1 else { throw ConverterError("the written model fails the flatbuffers verifier") }
    _ = try MicroModel(bytes: bytes)
  }

  /// Writes `bytes` to `path` atomically (a temporary file in the same directory, then rename).
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw ConverterError("cannot write \(path): \(error.localizedDescription)")
    }
  }
}

extension Array where Element: Hashable {
  /// The elements in first-seen order without repeats.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
