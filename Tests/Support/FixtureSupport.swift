import Foundation
import MicroRuntime
import MoteIO

// Shared by the test targets: the committed fixtures (models TensorFlow's converter wrote, their
// inputs and LiteRT's outputs), a runner, and the comparison rule.

/// One fixture: a model TensorFlow's converter wrote, seeded inputs, and the outputs LiteRT gave.
public struct Fixture {
  public let name: String
  public let variant: String
  public let directory: URL

  /// Names a fixture directory.
  public init(name: String, variant: String, directory: URL) {
    self.name = name
    self.variant = variant
    self.directory = directory
  }

  public var modelPath: String { directory.appendingPathComponent("model.tflite").path }

  public static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures")
  }

  /// Every fixture under Tests/Fixtures/<name>/<variant>/model.tflite (only names containing
  /// $MOTE_FIXTURE_FILTER when that is set, to iterate quickly on one kernel).
  public static func all() -> [Fixture] {
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

  public func arrays(_ prefix: String) throws -> [NPYArray] {
    var out: [NPYArray] = []
    while true {
      let p = directory.appendingPathComponent("\(prefix)_\(out.count).npy").path
      if !FileManager.default.fileExists(atPath: p) { return out }
      out.append(try NPYArray.read(path: p))
    }
  }

  public var inputs: [NPYArray] { get throws { try arrays("input") } }
  public var expectedOutputs: [NPYArray] { get throws { try arrays(usesBuiltinOracle ? "builtin_output" : "output") } }

  /// Operators whose int8 oracle is LiteRT's optimized kernel (builtin_output_K.npy) instead of its
  /// reference kernel, by decision: LiteRT 2.3's reference int8 SUM is wrong (see Kernels/Sum.swift).
  public static let builtinOracleOps: Set<String> = ["SUM"]

  /// Whether this int8 fixture is checked against builtin_output_K.npy.
  public var usesBuiltinOracle: Bool {
    guard variant == "int8",
          FileManager.default.fileExists(atPath: directory.appendingPathComponent("builtin_output_0.npy").path),
          let ops = (try? litertView())?["ops"] as? [String] else { return false }
    return ops.contains { Fixture.builtinOracleOps.contains($0) }
  }

  /// LiteRT's view of the model (litert.json).
  public func litertView() throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent("litert.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}

/// Runs a model on inputs with MicroRuntime and returns the outputs.
public func runModel(path: String, inputs: [NPYArray], resolver: OpResolver = .allOps) throws -> [NPYArray] {
  let file = try AlignedBytes(contentsOf: path)
  let usage = try Interpreter.measureArena(model: file.bytes, resolver: resolver)
  let arena = AlignedBytes(count: usage.total)
  let interpreter = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: resolver)
  return try runInterpreter(interpreter, inputs: inputs)
}

/// Copies inputs in, invokes, and copies outputs out.
public func runInterpreter(_ interpreter: Interpreter, inputs: [NPYArray]) throws -> [NPYArray] {
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
public func operatorNames(_ path: String) throws -> [String] {
  let file = try AlignedBytes(contentsOf: path)
  let m = try VerifiedModel(bytes: file.bytes).model
  let ops = m.subgraphs[0].operators
  return (0..<ops.count).map { VerifiedModel.builtinCode(m.operatorCodes[Int(ops[$0].opcodeIndex)]).displayName }
}

/// Compares outputs: integers exactly; floats within tolerance · max(1, |expected|).
/// Returns nil when they agree, else a description of the worst mismatch.
public func compare(_ got: [NPYArray], _ want: [NPYArray], tolerance: Double) -> String? {
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
