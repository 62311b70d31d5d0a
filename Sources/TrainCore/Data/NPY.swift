import Foundation

/// Errors from reading or writing NumPy `.npy` files.
public enum NPYError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The first six bytes are not `\x93NUMPY`.
  case badMagic
  /// The format version is not 1.0, 2.0 or 3.0.
  case unsupportedVersion(major: Int, minor: Int)
  /// The header dictionary is malformed; `reason` says how.
  case badHeader(reason: String)
  /// The dtype is not one of `<f4`, `<i8`, `<i4`, `|u1`.
  case unsupportedDType(String)
  /// Fortran-ordered arrays are not supported.
  case fortranOrder
  /// The payload is shorter or longer than the shape requires.
  case sizeMismatch(expectedBytes: Int, foundBytes: Int)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case let .unreadable(p, r): return "cannot read \(p): \(r)"
    case .badMagic: return "not a .npy file (bad magic bytes)"
    case let .unsupportedVersion(a, b): return "unsupported .npy version \(a).\(b)"
    case let .badHeader(r): return "bad .npy header: \(r)"
    case let .unsupportedDType(d): return "unsupported .npy dtype \(d) (expected <f4, <i8, <i4 or |u1)"
    case .fortranOrder: return ".npy arrays in Fortran order are not supported"
    case let .sizeMismatch(e, f): return ".npy payload has \(f) bytes, shape needs \(e)"
    }
  }
}

/// A decoded `.npy` array: its shape, dtype and values widened to Float (and kept as Int for integer dtypes).
public struct NPYArray: Equatable {
  /// The element types TrainCore reads.
  public enum DType: String, Sendable {
    /// Little-endian float32.
    case float32 = "<f4"
    /// Little-endian int64.
    case int64 = "<i8"
    /// Little-endian int32.
    case int32 = "<i4"
    /// Unsigned bytes.
    case uint8 = "|u1"

    /// Bytes per element.
    var size: Int { switch self { case .float32, .int32: return 4; case .int64: return 8; case .uint8: return 1 } }
  }

  /// The array's shape.
  public var shape: [Int]
  /// The stored dtype.
  public var dtype: DType
  /// The values as Float (exact for float32; integers converted).
  public var floats: [Float]
  /// The values as Int for integer dtypes (empty for float32).
  public var ints: [Int]

  /// The values as a tensor of the array's shape.
  public var tensor: Tensor { Tensor(shape: shape, data: floats) }

  /// Decodes `.npy` bytes (format versions 1.0, 2.0 and 3.0).
  public init(bytes: [UInt8]) throws(NPYError) {
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else { throw .badMagic }
    let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
    let headerLength: Int, start: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      start = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw .badHeader(reason: "truncated header length") }
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      start = 12
    default: throw .unsupportedVersion(major: major, minor: minor)
    }
    guard start + headerLength <= bytes.count else { throw .badHeader(reason: "header runs past end of file") }
    guard let header = String(bytes: bytes[start..<(start + headerLength)], encoding: major == 3 ? .utf8 : .ascii)
    else { throw .badHeader(reason: "header is not text") }
    let descr = try NPYArray.field("descr", in: header)
    let fortran = try NPYArray.field("fortran_order", in: header)
    let shapeText = try NPYArray.field("shape", in: header)
    let d = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
    let normalized = d == "<u1" ? "|u1" : d
    guard let dtype = DType(rawValue: normalized) else { throw .unsupportedDType(d) }
    guard fortran == "False" else {
      if fortran == "True" { throw .fortranOrder }
      throw .badHeader(reason: "fortran_order is \(fortran)")
    }
    guard shapeText.hasPrefix("("), shapeText.hasSuffix(")") else { throw .badHeader(reason: "shape is not a tuple") }
    var shape: [Int] = []
    for part in shapeText.dropFirst().dropLast().split(separator: ",") {
      let s = part.trimmingCharacters(in: .whitespaces)
      if s.isEmpty { continue }
      guard let v = Int(s), v >= 0 else { throw .badHeader(reason: "bad dimension '\(s)'") }
      shape.append(v)
    }
    let count = shape.reduce(1, *)
    let payload = start + headerLength
    let expected = count * dtype.size
    guard bytes.count - payload == expected else {
      throw .sizeMismatch(expectedBytes: expected, foundBytes: bytes.count - payload)
    }
    self.shape = shape
    self.dtype = dtype
    var floats = [Float](repeating: 0, count: count)
    var ints: [Int] = []
    bytes.withUnsafeBytes { raw in
      let p = raw.baseAddress! + payload
      switch dtype {
      case .float32:
        for i in 0..<count { floats[i] = Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
      case .int64:
        ints = (0..<count).map { Int(Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) }
      case .int32:
        ints = (0..<count).map { Int(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) }
      case .uint8:
        ints = (0..<count).map { Int(p.load(fromByteOffset: $0, as: UInt8.self)) }
      }
    }
    if dtype != .float32 { floats = ints.map { Float($0) } }
    self.floats = floats
    self.ints = ints
  }

  /// Reads and decodes a `.npy` file.
  public init(contentsOf path: String) throws(NPYError) {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "\(error)" : "no such file")
    }
    try self.init(bytes: [UInt8](data))
  }

  /// Extracts the text of `'key': value` from a header dictionary (value up to the matching top-level comma).
  static func field(_ key: String, in header: String) throws(NPYError) -> String {
    guard let r = header.range(of: "'\(key)':") else { throw .badHeader(reason: "missing '\(key)'") }
    var depth = 0
    var value = ""
    for ch in header[r.upperBound...] {
      if ch == "(" { depth += 1 }
      if ch == ")" { depth -= 1 }
      if (ch == "," && depth == 0) || ch == "}" { break }
      value.append(ch)
    }
    let v = value.trimmingCharacters(in: .whitespaces)
    guard !v.isEmpty else { throw .badHeader(reason: "empty '\(key)'") }
    return v
  }

  /// Encodes float32 values as a version 1.0 `.npy` file.
  public static func encode(float32 values: [Float], shape: [Int]) -> [UInt8] {
    precondition(shape.reduce(1, *) == values.count)
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    let n = header.utf8.count
    out += [UInt8(n & 0xff), UInt8(n >> 8)]
    out += Array(header.utf8)
    out.reserveCapacity(out.count + 4 * values.count)
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
    return out
  }
}
