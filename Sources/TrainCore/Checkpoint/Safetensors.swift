import Foundation
import NumPyFile
#if canImport(Glibc)
import Glibc
#endif

/// Errors from reading or writing `.safetensors` files.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read or written.
  case io(path: String, reason: String)
  /// The file is shorter than its header claims, or the header is not a JSON object.
  case badHeader(reason: String)
  /// A tensor entry is malformed (bad dtype, shape or offsets).
  case badEntry(name: String, reason: String)
  /// A tensor the model needs is absent.
  case missingTensor(name: String)
  /// A stored tensor's shape differs from the model's.
  case shapeMismatch(name: String, expected: [Int], found: [Int])

  /// A one-line explanation.
  public var description: String {
    switch self {
    case let .io(p, r): return "\(p): \(r)"
    case let .badHeader(r): return "bad safetensors header: \(r)"
    case let .badEntry(n, r): return "bad safetensors entry '\(n)': \(r)"
    case let .missingTensor(n): return "checkpoint has no tensor '\(n)'"
    case let .shapeMismatch(n, e, f): return "checkpoint tensor '\(n)' has shape \(f), model expects \(e)"
    }
  }
}

/// Reads and writes the `.safetensors` format: an 8-byte little-endian header length, a JSON header
/// mapping names to `{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}` (plus optional
/// `__metadata__` of string pairs), then the raw little-endian tensor bytes.
public enum Safetensors {
  /// Encodes named float32 tensors and metadata into file bytes (tensors stored in the given order).
  public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) -> [UInt8] {
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
      entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for (name, t) in tensors {
      let bytes = 4 * t.count
      entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
                     + "\"data_offsets\":[\(offset),\(offset + bytes)]}")
      offset += bytes
    }
    var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var out = [UInt8]()
    out.reserveCapacity(8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { out += $0 }
    out += header
    for (_, t) in tensors {
      t.data.withUnsafeBufferPointer { p in
        for v in p { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
      }
    }
    return out
  }

  /// Decodes file bytes into named tensors and metadata, validating every offset against the file size.
  public static func decode(_ bytes: [UInt8]) throws(SafetensorsError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    guard bytes.count >= 8 else { throw .badHeader(reason: "file shorter than 8 bytes") }
    let n = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
    guard n <= UInt64(bytes.count - 8) else { throw .badHeader(reason: "header length \(n) exceeds file size \(bytes.count)") }
    let headerEnd = 8 + Int(n)
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])) } catch {
      throw .badHeader(reason: "header is not valid JSON")
    }
    guard let object = json as? [String: Any] else { throw .badHeader(reason: "header is not a JSON object") }
    let dataSize = bytes.count - headerEnd
    var metadata: [String: String] = [:]
    var tensors: [String: Tensor] = [:]
    for (name, value) in object {
      if name == "__metadata__" {
        guard let m = value as? [String: Any] else { throw .badHeader(reason: "__metadata__ is not an object") }
        for (k, v) in m {
          guard let s = v as? String else { throw .badHeader(reason: "__metadata__ value for '\(k)' is not a string") }
          metadata[k] = s
        }
        continue
      }
      guard let e = value as? [String: Any] else { throw .badEntry(name: name, reason: "not an object") }
      guard let dtype = e["dtype"] as? String else { throw .badEntry(name: name, reason: "missing dtype") }
      guard dtype == "F32" else { throw .badEntry(name: name, reason: "dtype \(dtype) unsupported (only F32)") }
      guard let shapeAny = e["shape"] as? [Any], let shape = intArray(shapeAny), shape.allSatisfy({ $0 >= 0 }) else {
        throw .badEntry(name: name, reason: "shape is not a list of non-negative integers")
      }
      guard let offAny = e["data_offsets"] as? [Any], let off = intArray(offAny), off.count == 2 else {
        throw .badEntry(name: name, reason: "data_offsets is not [begin, end]")
      }
      // Counted with overflow checks: a shape such as [1e14, 1e14] must be an error, not a trap.
      var count = 1
      for d in shape {
        let (p, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow, p <= Int.max / 4 else {
          throw .badEntry(name: name, reason: "shape \(shape) holds more values than any file can")
        }
        count = p
      }
      guard off[0] >= 0, off[0] <= off[1], off[1] <= dataSize else {
        throw .badEntry(name: name, reason: "data_offsets \(off) outside the \(dataSize)-byte data section")
      }
      guard off[1] - off[0] == 4 * count else {
        throw .badEntry(name: name, reason: "\(off[1] - off[0]) bytes for \(count) float32 values")
      }
      var values = [Float](repeating: 0, count: count)
      bytes.withUnsafeBytes { raw in
        let base = raw.baseAddress! + headerEnd + off[0]
        for i in 0..<count {
          values[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
        }
      }
      tensors[name] = Tensor(shape: shape, data: values)
    }
    return (tensors, metadata)
  }

  /// Writes a file atomically: the bytes go to a temporary file in the same directory, then `rename`.
  public static func write(_ tensors: [NamedTensor], metadata: [String: String] = [:], to path: String) throws(SafetensorsError) {
    try writeAtomically(encode(tensors, metadata: metadata), to: path)
  }

  /// Reads and decodes a file.
  public static func read(_ path: String) throws(SafetensorsError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    let bytes: [UInt8]
    do { bytes = try RegularFile.contents(path) } catch { throw .io(path: path, reason: error.reason) }
    return try decode(bytes)
  }

  /// Writes `bytes` to `path` via a temporary sibling and `rename(2)`, so readers never see a partial file.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SafetensorsError) {
    let tmp = path + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
      throw .io(path: path, reason: "cannot write \(tmp)")
    }
    guard rename(tmp, path) == 0 else {
      unlink(tmp)
      throw .io(path: path, reason: "rename failed (errno \(errno))")
    }
  }

  private static func intArray(_ a: [Any]) -> [Int]? {
    var out: [Int] = []
    for v in a {
      guard let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 else { return nil }
      out.append(n.intValue)
    }
    return out
  }

  private static func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
