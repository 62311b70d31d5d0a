import MicroRuntime

/// A model opened in MicroRuntime on the host: owns a 16-byte aligned copy of the bytes and an
/// arena (both freed on deinit), and runs the model whole or one operator at a time.
public final class MicroModel {
  private let model: UnsafeMutableRawBufferPointer
  private var arena: UnsafeMutableRawBufferPointer
  /// The interpreter over the owned bytes and arena.
  public let interpreter: Interpreter

  /// Verifies and opens `bytes` with every kernel MicroRuntime has, in an arena of exactly the
  /// measured size.
  public init(bytes: [UInt8]) throws {
    model = .allocate(byteCount: max(bytes.count, 16), alignment: 16)
    model.copyBytes(from: bytes)
    let raw = UnsafeRawBufferPointer(start: model.baseAddress, count: bytes.count)
    arena = .allocate(byteCount: 16, alignment: 16)
    do throws(MicroError) {
      let work = UnsafeMutableRawBufferPointer.allocate(
        byteCount: try Interpreter.planningBytes(model: raw, resolver: .allOps), alignment: 16)
      defer { work.deallocate() }
      let usage = try Interpreter.requiredArena(model: raw, work: work, resolver: .allOps)
      arena.deallocate()
      arena = .allocate(byteCount: max(usage.total, 16), alignment: 16)
      interpreter = try Interpreter(model: raw, arena: arena, resolver: .allOps)
    } catch {
      model.deallocate()
      arena.deallocate()
      throw ConverterError("MicroRuntime cannot open the model: \(describe(error))")
    }
  }

  deinit {
    model.deallocate()
    arena.deallocate()
  }

  /// Copies `values` into float32 input `i` (element count must match).
  public func setInput(_ i: Int, floats values: [Float]) throws {
    let t = try interpreter.input(i)
    guard t.type == .float32, t.byteSize == values.count * 4, let p = t.data else {
      throw ConverterError("input \(i) wants \(t.byteSize) bytes of \(t.type.name.map { "\($0)" } ?? "?"), got \(values.count) floats")
    }
    values.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: t.byteSize) }
  }

  /// Copies raw bytes into input `i`.
  public func setInput(_ i: Int, bytes: [UInt8]) throws {
    let t = try interpreter.input(i)
    guard t.byteSize == bytes.count, let p = t.data else { throw ConverterError("input \(i) wants \(t.byteSize) bytes, got \(bytes.count)") }
    bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: t.byteSize) }
  }

  /// Runs the whole model.
  public func invoke() throws {
    do throws(MicroError) { try interpreter.invoke() } catch { throw ConverterError("MicroRuntime: \(describe(error))") }
  }

  /// Runs operator `i` alone (operators before it must have run).
  public func invokeOperator(_ i: Int) throws {
    do throws(MicroError) { try interpreter.invokeOperator(i) } catch { throw ConverterError("MicroRuntime: \(describe(error))") }
  }

  /// The values of tensor `index` as floats (float32 as is, int8 dequantized with its parameters).
  public func floats(tensor index: Int32) -> [Float] {
    let t = interpreter.tensor(index)
    guard let p = t.data else { return [] }
    switch t.type {
    case .float32:
      return Array(UnsafeBufferPointer(start: p.assumingMemoryBound(to: Float.self), count: t.byteSize / 4))
    case .int8:
      return UnsafeBufferPointer(start: p.assumingMemoryBound(to: Int8.self), count: t.byteSize).map {
        t.scale * Float(Int32($0) - t.zeroPoint)
      }
    default:
      return []
    }
  }

  /// The raw bytes of tensor `index`.
  public func bytes(tensor index: Int32) -> [UInt8] {
    let t = interpreter.tensor(index)
    guard let p = t.data else { return [] }
    return Array(UnsafeRawBufferPointer(start: p, count: t.byteSize))
  }

  /// The values of output `i` as floats.
  public func output(_ i: Int) throws -> [Float] {
    floats(tensor: try interpreter.output(i).index)
  }
}
