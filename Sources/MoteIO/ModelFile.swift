import Foundation
import MicroRuntime

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

  /// Reads a whole file.
  public convenience init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
        throw ToolError(isDir.boolValue ? "\(path): is a directory" : "\(path): cannot read file")
      }
      throw ToolError("\(path): no such file")
    }
    self.init(count: data.count)
    data.withUnsafeBytes { src in
      if let s = src.baseAddress, data.count > 0 { buffer.baseAddress!.copyMemory(from: s, byteCount: data.count) }
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
