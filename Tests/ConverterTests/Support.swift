import Converter
import Foundation
import MicroRuntime
import MoteIO
import TrainCore
import XCTest

// Shared by the converter tests: the package root, the committed checkpoints, the digits split,
// and LiteRT (the oracle) run through the venv that tools/litert/setup.sh makes.

/// The package root (two levels above this file's directory).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A path under the package root.
func rootPath(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

/// The digits-mlp / digits-cnn model loaded from its committed checkpoint.
func trainedModel(_ arch: String) throws -> Sequential {
  let model = Architectures.make(arch)!
  try Checkpoint.load(into: model, from: rootPath("Tests/Fixtures/converter/\(arch).safetensors"))
  return model
}

/// The digits train / test split, shaped for `arch`.
func digits(_ arch: String) throws -> (train: TensorDataset, test: TensorDataset) {
  let all = try Digits.load(csvPath: rootPath("models/data/digits.csv"))
  let (train, test) = Digits.split(all)
  let shape = Architectures.inputShape(arch)!
  return (train.reshaped(sampleShape: shape), test.reshaped(sampleShape: shape))
}

/// The samples of a dataset as flat float arrays.
func samples(_ d: TensorDataset) -> [[Float]] {
  let n = d.sampleShape.reduce(1, *)
  return (0..<d.count).map { Array(d.inputs.data[($0 * n)..<(($0 + 1) * n)]) }
}

/// Index of the largest value.
func argmax(_ v: [Float]) -> Int { v.indices.max(by: { v[$0] < v[$1] })! }

/// Fraction of rows whose argmax equals the label.
func accuracy(_ outputs: [[Float]], _ labels: [Int]) -> Double {
  Double(zip(outputs, labels).filter { argmax($0.0) == $0.1 }.count) / Double(labels.count)
}

/// Largest absolute difference between two equally shaped batches.
func maxAbsDiff(_ a: [[Float]], _ b: [[Float]]) -> Float {
  precondition(a.count == b.count)
  var m: Float = 0
  for (x, y) in zip(a, b) {
    precondition(x.count == y.count)
    for (u, v) in zip(x, y) { m = max(m, abs(u - v)) }
  }
  return m
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mote-converter-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

/// Float inputs quantized the way a caller feeds an int8 model (round half away from zero, clamp).
func quantizeInput(_ x: [Float], scale: Float, zeroPoint: Int32) -> [Int8] {
  x.map { Int8(max(-128, min(127, Int32(($0 / scale).rounded(.toNearestOrAwayFromZero)) + zeroPoint))) }
}

/// Sets input 0 of `m` from floats (quantized with the input's parameters for an int8 input).
func feed(_ m: MicroModel, _ x: [Float]) throws {
  let input = try m.interpreter.input(0)
  if input.type == .int8 {
    try m.setInput(0, bytes: quantizeInput(x, scale: input.scale, zeroPoint: input.zeroPoint).map { UInt8(bitPattern: $0) })
  } else {
    try m.setInput(0, floats: x)
  }
}

/// Runs `model` in MicroRuntime on every sample; outputs as floats (int8 dequantized).
func runMicro(_ model: [UInt8], _ inputs: [[Float]]) throws -> [[Float]] {
  let m = try MicroModel(bytes: model)
  return try inputs.map { x in
    try feed(m, x)
    try m.invoke()
    return try m.output(0)
  }
}

/// Raw output bytes of MicroRuntime for every sample (for bit-exact comparisons).
func runMicroRaw(_ model: [UInt8], _ inputs: [[Float]]) throws -> [[UInt8]] {
  let m = try MicroModel(bytes: model)
  let out = try m.interpreter.output(0).index
  return try inputs.map { x in
    try feed(m, x)
    try m.invoke()
    return m.bytes(tensor: out)
  }
}

/// The LiteRT venv's python; the tests fail (not skip) without it.
func litertPython() throws -> String {
  let py = rootPath(".venv-litert/bin/python")
  guard FileManager.default.isExecutableFile(atPath: py) else {
    XCTFail("LiteRT is missing: run tools/litert/setup.sh (creates .venv-litert with ai-edge-litert and numpy)")
    throw ConverterError("no LiteRT venv at \(py)")
  }
  return py
}

/// Input 0 of a model as the file describes it: type, shape, scale, zero point.
func inputInfo(_ model: [UInt8]) throws -> (type: TFLite.TensorType, shape: [Int], scale: Float, zeroPoint: Int32) {
  let g = try TFLiteGraph(reading: model)
  let t = g.tensors[Int(g.inputs[0])]
  return (t.type, t.shape.map(Int.init), t.quantization?.scale.first ?? 0, Int32(t.quantization?.zeroPoint.first ?? 0))
}

/// Runs `model` in LiteRT (BUILTIN_REF kernels with `reference`) on the same inputs MicroRuntime
/// gets (int8 quantized identically) and returns the raw output rows and their type.
func runLiteRTRaw(_ model: [UInt8], _ inputs: [[Float]], reference: Bool) throws -> (type: TFLite.TensorType, rows: [[UInt8]]) {
  let input = try inputInfo(model)
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let modelPath = dir.appendingPathComponent("model.tflite").path
  try Data(model).write(to: URL(fileURLWithPath: modelPath))
  let batch: MoteIO.NPYArray
  if input.type == .int8 {
    let q = inputs.flatMap { quantizeInput($0, scale: input.scale, zeroPoint: input.zeroPoint) }
    batch = MoteIO.NPYArray(type: .int8, shape: [inputs.count] + input.shape, data: q.map { UInt8(bitPattern: $0) })
  } else {
    batch = MoteIO.NPYArray(floats: inputs.flatMap { $0 }, shape: [inputs.count] + input.shape)
  }
  try batch.write(path: dir.appendingPathComponent("in.npy").path)
  let p = Process()
  p.executableURL = URL(fileURLWithPath: try litertPython())
  p.arguments = [rootPath("tools/oracles/converter_litert.py"), modelPath, dir.appendingPathComponent("in.npy").path,
                 dir.appendingPathComponent("out.npy").path] + (reference ? ["--ref"] : [])
  let err = Pipe()
  p.standardError = err
  try p.run()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else {
    throw ConverterError("LiteRT failed: \(String(decoding: errData, as: UTF8.self))")
  }
  let out = try MoteIO.NPYArray.read(path: dir.appendingPathComponent("out.npy").path)
  let rowBytes = out.data.count / inputs.count
  return (out.type, (0..<inputs.count).map { Array(out.data[($0 * rowBytes)..<(($0 + 1) * rowBytes)]) })
}

/// LiteRT's outputs as floats (int8 outputs dequantized with the model's output parameters).
func runLiteRT(_ model: [UInt8], _ inputs: [[Float]], reference: Bool = false) throws -> [[Float]] {
  let (type, rows) = try runLiteRTRaw(model, inputs, reference: reference)
  if type == .float32 {
    return rows.map { r in r.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) } }
  }
  let g = try TFLiteGraph(reading: model)
  let q = g.tensors[Int(g.outputs[0])].quantization!
  return rows.map { r in r.map { q.scale[0] * Float(Int64(Int8(bitPattern: $0)) - q.zeroPoint[0]) } }
}
