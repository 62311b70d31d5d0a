import Foundation
import MicroRuntime
import NumPyFile

/// A host-side failure with one clear line of text.
public struct ToolError: Error, CustomStringConvertible {
  /// The line to print.
  public let description: String
  /// Makes an error with `message`.
  public init(_ message: String) { description = message }
}

/// Bytes read from a file into a 16-byte aligned buffer that this value owns (freed by `release`
/// or at deinit).
public final class AlignedBytes {
  /// The bytes.
  public let buffer: UnsafeMutableRawBufferPointer

  /// Allocates `count` zeroed bytes aligned to 64.
  public init(count: Int) {
    buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 64)
    buffer.initializeMemory(as: UInt8.self, repeating: 0)
    self.count = count
  }

  /// Number of meaningful bytes (the allocation may be one byte larger when empty).
  public let count: Int

  /// Reads a whole model file: a regular file of at most 2^31 − 1 bytes (the FlatBuffer limit,
  /// checked before anything is read), straight into the aligned buffer.
  public convenience init(contentsOf path: String) throws {
    do {
      let file = try RegularFile(path: path)
      guard file.size <= FlatBufferVerifier.maxSize else {
        throw ToolError("\(path): \(file.size) bytes, larger than 2 GB, the FlatBuffer limit")
      }
      self.init(count: file.size)
      try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<file.size]), from: 0)
    } catch let error as FileError {
      throw ToolError(error.description)
    }
  }

  /// The meaningful bytes, read-only.
  public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer.baseAddress, count: count) }

  deinit { buffer.deallocate() }
}

extension MicroError {
  /// One line saying what went wrong and where, for host tools.
  public var text: String {
    var parts: [String] = []
    if subgraph >= 0 { parts.append("subgraph \(subgraph)") }
    if op >= 0 { parts.append("operator \(op)") }
    if tensor >= 0 { parts.append("tensor \(tensor)") }
    if let table {
      var s = "table \(table.name)"
      if field >= 0 { s += " field \(field)" }
      parts.append(s)
    }
    if offset >= 0 { parts.append("byte \(offset)") }
    var message = "\(kind.message)"
    switch kind {
    case .unsupportedOperator, .unsupportedOperatorVersion, .customOperatorUnsupported:
      let name = TFLite.BuiltinOperator(rawValue: Int32(truncatingIfNeeded: expected)).name.map { "\($0)" } ?? "code \(expected)"
      message += ": \(name) version \(found)"
    case .arenaTooSmall:
      message += expected >= 0 ? ": needs \(expected) bytes, has \(found)" : ": has \(found) bytes"
    case .unsupportedType, .typeMismatch, .unknownTensorType:
      func tn(_ v: Int64) -> String { TFLite.TensorType(rawValue: Int8(truncatingIfNeeded: v)).name.map { "\($0)" } ?? "\(v)" }
      if expected >= 0 { message += ": expected \(tn(expected)), found \(tn(found))" } else if found >= 0 { message += ": \(tn(found))" }
    default:
      if expected >= 0 || found >= 0 { message += " (expected \(expected), found \(found))" }
    }
    return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
  }
}

extension MicroError: CustomStringConvertible {
  public var description: String { text }
}
