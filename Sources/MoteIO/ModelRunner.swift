import Foundation
import MicroRuntime

/// A model opened for running on the host: the file bytes, an exact-size arena, the interpreter.
public final class ModelRunner {
  /// The model bytes (kept alive for the interpreter).
  public let file: AlignedBytes
  /// The arena, exactly as large as the model needs.
  public let arena: AlignedBytes
  /// The interpreter.
  public let interpreter: Interpreter

  /// Opens the model at `path` with `resolver`.
  public init(path: String, resolver: OpResolver = .allOps) throws {
    file = try AlignedBytes(contentsOf: path)
    do {
      let usage = try Interpreter.measureArena(model: file.bytes, resolver: resolver)
      arena = AlignedBytes(count: usage.total)
      interpreter = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: resolver)
    } catch let e as MicroError {
      throw ToolError("\(path): \(e.text)")
    }
  }

  /// Refuses `type` and `shape` for input `i` unless they are the input's (`name` starts the error).
  public func checkInput(_ i: Int, type: TFLite.TensorType, shape: [Int], name: String) throws {
    guard i < interpreter.inputCount else {
      throw ToolError("\(name): the model has only \(interpreter.inputCount) input(s)")
    }
    let t = try interpreter.input(i)
    let want = (0..<t.dims.rank).map { t.dims[$0] }
    guard type == t.type else {
      throw ToolError("\(name): dtype \(type.displayName.lowercased()) but input \(i) is \(t.type.displayName.lowercased())")
    }
    guard shape == want else { throw ToolError("\(name): shape \(shape) but input \(i) has shape \(want)") }
  }

  /// Copies `arrays` into the inputs, checking count, dtype, shape and (for floats) finiteness.
  public func setInputs(_ arrays: [NPYArray], names: [String]) throws {
    guard arrays.count == interpreter.inputCount else {
      throw ToolError("model has \(interpreter.inputCount) input(s), \(arrays.count) given")
    }
    for (i, array) in arrays.enumerated() {
      let t = try interpreter.input(i)
      let name = i < names.count ? names[i] : "input \(i)"
      try checkInput(i, type: array.type, shape: array.shape, name: name)
      if array.type == .float32, let bad = array.floats.firstIndex(where: { !$0.isFinite }) {
        throw ToolError("\(name): element \(bad) is \(array.floats[bad]) (inputs must be finite)")
      }
      array.data.withUnsafeBytes { src in
        if t.byteSize > 0 { t.data!.copyMemory(from: src.baseAddress!, byteCount: t.byteSize) }
      }
    }
  }

  /// Runs the model once.
  public func invoke() throws {
    do throws(MicroError) { try interpreter.invoke() } catch { throw ToolError(error.text) }
  }

  /// The outputs as arrays.
  public func outputs() throws -> [NPYArray] {
    var out: [NPYArray] = []
    for i in 0..<interpreter.outputCount {
      let t = try interpreter.output(i)
      let bytes = t.byteSize == 0 ? [] : Array(UnsafeRawBufferPointer(start: t.data, count: t.byteSize))
      out.append(NPYArray(type: t.type, shape: (0..<t.dims.rank).map { t.dims[$0] }, data: bytes))
    }
    return out
  }
}
