import Foundation
import MicroRuntime
import MoteIO
import XCTest

/// One fixture: a model TensorFlow's converter wrote, seeded inputs, and the outputs LiteRT gave.
struct Fixture {
  let name: String
  let variant: String
  let directory: URL

  var modelPath: String { directory.appendingPathComponent("model.tflite").path }

  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures")
  }

  /// Every fixture under Tests/Fixtures/<name>/<variant>/model.tflite (only names containing
  /// $MOTE_FIXTURE_FILTER when that is set, to iterate quickly on one kernel).
  static func all() -> [Fixture] {
    let filter = ProcessInfo.processInfo.environment["MOTE_FIXTURE_FILTER"]
    let fm = FileManager.default
    var out: [Fixture] = []
    for name in (try? fm.contentsOfDirectory(atPath: root.path))?.sorted() ?? [] {
      if let filter, !filter.isEmpty, !name.contains(filter) { continue }
      let dir = root.appendingPathComponent(name)
      for variant in (try? fm.contentsOfDirectory(atPath: dir.path))?.sorted() ?? [] {
        let d = dir.appendingPathComponent(variant)
        if fm.fileExists(atPath: d.appendingPathComponent("model.tflite").path) {
          out.append(Fixture(name: name, variant: variant, directory: d))
        }
      }
    }
    return out
  }

  func arrays(_ prefix: String) throws -> [NPYArray] {
    var out: [NPYArray] = []
    while true {
      let p = directory.appendingPathComponent("\(prefix)_\(out.count).npy").path
      if !FileManager.default.fileExists(atPath: p) { return out }
      out.append(try NPYArray.read(path: p))
    }
  }

  var inputs: [NPYArray] { get throws { try arrays("input") } }
  var expectedOutputs: [NPYArray] { get throws { try arrays(usesBuiltinOracle ? "builtin_output" : "output") } }

  /// Operators whose int8 oracle is LiteRT's optimized kernel (builtin_output_K.npy) instead of its
  /// reference kernel, by decision: LiteRT 2.3's reference int8 SUM is wrong (see Kernels/Sum.swift).
  static let builtinOracleOps: Set<String> = ["SUM"]

  /// Whether this int8 fixture is checked against builtin_output_K.npy.
  var usesBuiltinOracle: Bool {
    guard variant == "int8",
          FileManager.default.fileExists(atPath: directory.appendingPathComponent("builtin_output_0.npy").path),
          let ops = (try? litertView())?["ops"] as? [String] else { return false }
    return ops.contains { Fixture.builtinOracleOps.contains($0) }
  }

  /// LiteRT's view of the model (litert.json).
  func litertView() throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent("litert.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}

/// Runs a model on inputs with MicroRuntime and returns the outputs.
func runModel(path: String, inputs: [NPYArray], resolver: OpResolver = .allOps) throws -> [NPYArray] {
  let file = try AlignedBytes(contentsOf: path)
  let usage = try Interpreter.measureArena(model: file.bytes, resolver: resolver)
  let arena = AlignedBytes(count: usage.total)
  let interpreter = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: resolver)
  return try runInterpreter(interpreter, inputs: inputs)
}

/// Copies inputs in, invokes, and copies outputs out.
func runInterpreter(_ interpreter: Interpreter, inputs: [NPYArray]) throws -> [NPYArray] {
  guard inputs.count == interpreter.inputCount else {
    throw ToolError("model has \(interpreter.inputCount) inputs, fixture has \(inputs.count)")
  }
  for (i, array) in inputs.enumerated() {
    let t = try interpreter.input(i)
    guard array.data.count == t.byteSize, array.type == t.type else {
      throw ToolError("input \(i): fixture has \(array.type.displayName) \(array.shape), model wants \(t.type.displayName)")
    }
    array.data.withUnsafeBytes { src in t.data!.copyMemory(from: src.baseAddress!, byteCount: t.byteSize) }
  }
  try interpreter.invoke()
  var outputs: [NPYArray] = []
  for i in 0..<interpreter.outputCount {
    let t = try interpreter.output(i)
    let bytes = t.byteSize == 0 ? [] : Array(UnsafeRawBufferPointer(start: t.data, count: t.byteSize))
    outputs.append(NPYArray(type: t.type, shape: (0..<t.dims.rank).map { t.dims[$0] }, data: bytes))
  }
  return outputs
}

/// The ops a fixture's model uses, by name.
func operatorNames(_ path: String) throws -> [String] {
  let file = try AlignedBytes(contentsOf: path)
  let m = try VerifiedModel(bytes: file.bytes).model
  let ops = m.subgraphs[0].operators
  return (0..<ops.count).map { VerifiedModel.builtinCode(m.operatorCodes[Int(ops[$0].opcodeIndex)]).displayName }
}

/// Compares outputs: integers exactly; floats within tolerance · max(1, |expected|).
/// Returns nil when they agree, else a description of the worst mismatch.
func compare(_ got: [NPYArray], _ want: [NPYArray], tolerance: Double) -> String? {
  guard got.count == want.count else { return "\(got.count) outputs, expected \(want.count)" }
  for k in 0..<got.count {
    let g = got[k], w = want[k]
    if g.type != w.type { return "output \(k): type \(g.type.displayName), expected \(w.type.displayName)" }
    if g.count != w.count { return "output \(k): \(g.count) elements, expected \(w.count)" }
    let gd = g.doubles, wd = w.doubles
    let exact = g.type != .float32 && g.type != .float16
    var worst = 0.0
    var worstIndex = -1
    for i in 0..<gd.count {
      let err = abs(gd[i] - wd[i])
      let bound = exact ? 0 : tolerance * max(1, abs(wd[i]))
      if err > bound || gd[i].isNaN != wd[i].isNaN {
        if err / max(bound, 1e-30) > worst || worstIndex < 0 { worst = err / max(bound, 1e-30); worstIndex = i }
      }
    }
    if worstIndex >= 0 {
      return "output \(k)[\(worstIndex)] = \(gd[worstIndex]), expected \(wd[worstIndex])"
    }
  }
  return nil
}
