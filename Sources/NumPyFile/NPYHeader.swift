import Foundation

// The NumPy `.npy` container, shared by TrainCore (datasets) and MoteIO (tensors): the magic, the
// format version, the header dictionary and the payload size. What the element types mean is the
// caller's business; this module only says where the elements are and how many there are.

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
  /// The reader does not handle this dtype.
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
    case let .unsupportedDType(d): return "unsupported .npy dtype \(d)"
    case .fortranOrder: return ".npy arrays in Fortran order are not supported"
    case let .sizeMismatch(e, f): return ".npy data is \(f) bytes, header says \(e)"
    }
  }
}

/// The parsed header of a `.npy` file.
public struct NPYHeader: Equatable {
  /// The dtype descriptor, e.g. `<f4` or `|i1`.
  public var descr: String
  /// The shape (C order).
  public var shape: [Int]
  /// Byte offset of the first element.
  public var payloadOffset: Int
  /// Number of elements (the product of the shape).
  public var elementCount: Int

  /// Parses the header of `.npy` bytes (format versions 1.0, 2.0 and 3.0, C order).
  public static func parse(_ bytes: [UInt8]) throws(NPYError) -> NPYHeader {
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
    guard headerLength <= bytes.count - start else { throw .badHeader(reason: "header runs past end of file") }
    guard let header = String(bytes: bytes[start..<(start + headerLength)], encoding: major == 3 ? .utf8 : .ascii)
    else { throw .badHeader(reason: "header is not text") }
    let descr = try field("descr", in: header).trimmingCharacters(in: ["'", "\""])
    let fortran = try field("fortran_order", in: header)
    let shapeText = try field("shape", in: header)
    guard fortran == "False" else {
      if fortran == "True" { throw .fortranOrder }
      throw .badHeader(reason: "fortran_order is \(fortran)")
    }
    guard shapeText.hasPrefix("("), shapeText.hasSuffix(")") else { throw .badHeader(reason: "shape is not a tuple") }
    var shape: [Int] = []
    var count = 1
    for part in shapeText.dropFirst().dropLast().split(separator: ",") {
      let s = part.trimmingCharacters(in: .whitespaces)
      if s.isEmpty { continue }
      guard let v = Int(s), v >= 0 else { throw .badHeader(reason: "bad shape dimension '\(s)'") }
      let (product, overflow) = count.multipliedReportingOverflow(by: v)
      guard !overflow, product <= 1 << 40 else { throw .badHeader(reason: "shape \(shapeText) is too large") }
      shape.append(v)
      count = product
    }
    return NPYHeader(descr: descr, shape: shape, payloadOffset: start + headerLength, elementCount: count)
  }

  /// Checks that `fileSize` bytes hold exactly the elements of `elementSize` bytes this header declares.
  public func checkPayload(elementSize: Int, fileSize: Int) throws(NPYError) {
    let expected = elementCount * elementSize  // elementCount ≤ 2^40, so this cannot overflow
    if fileSize - payloadOffset != expected { throw .sizeMismatch(expectedBytes: expected, foundBytes: fileSize - payloadOffset) }
  }

  /// A version 1.0 header (magic, version, length, dictionary padded to 64 bytes) for `descr` and `shape`.
  public static func encode(descr: String, shape: [Int]) -> [UInt8] {
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let n = header.utf8.count
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xff), UInt8(n >> 8)] + Array(header.utf8)
  }

  /// The text of `'key': value` in a header dictionary (the value up to the matching top-level comma).
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
}
