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
    let (start, headerLength) = try dictionaryRange(bytes)
    guard headerLength <= bytes.count - start else { throw .badHeader(reason: "header runs past end of file") }
    let dictionary = try NPYHeaderDictionary.parse(bytes[start..<(start + headerLength)])
    guard !dictionary.fortranOrder else { throw .fortranOrder }
    var count = 1
    for v in dictionary.shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: v)
      guard !overflow, product <= 1 << 40 else { throw .badHeader(reason: "shape \(dictionary.shape) is too large") }
      count = product
    }
    let descr = dictionary.descr, shape = dictionary.shape
    return NPYHeader(descr: descr, shape: shape, payloadOffset: start + headerLength, elementCount: count)
  }

  /// Where the header dictionary lies: its first byte and its length, from the magic, the format
  /// version and the length field at the start of `bytes` (the first 12 bytes of a file suffice).
  static func dictionaryRange(_ bytes: [UInt8]) throws(NPYError) -> (start: Int, length: Int) {
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else { throw .badMagic }
    let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
    switch major {
    case 1:
      return (10, Int(bytes[8]) | Int(bytes[9]) << 8)
    case 2, 3:
      guard bytes.count >= 12 else { throw .badHeader(reason: "truncated header length") }
      return (12, (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) })
    default: throw .unsupportedVersion(major: major, minor: minor)
    }
  }

  /// The bytes from the start of a file through its header dictionary, from its first 12 bytes (or
  /// all of a shorter file): how much to read before `parse`.
  public static func headerSize(prefix: [UInt8]) throws(NPYError) -> Int {
    let (start, length) = try dictionaryRange(prefix)
    return start + length
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
}

/// The header dictionary of a `.npy` file, read as numpy reads it (Python's `ast.literal_eval`,
/// then numpy's checks) for the literal syntax numpy writes, and refused otherwise.
///
/// Accepted: `{`, `'key': value` items separated by commas (a trailing comma allowed), `}`, then only
/// whitespace; keys and strings in single or double quotes without escapes; values `True`,
/// `False`, a string, or a tuple of decimal integers (`()`, `(5,)`, `(2, 3)`, trailing comma
/// allowed). A repeated key keeps its last value, as in Python. The keys must be exactly `descr`,
/// `fortran_order` and `shape`, with a string, a bool and a tuple. Python syntax that numpy never
/// writes (comments, string prefixes or concatenation, signs, `_` in numbers) is refused.
/// Sources/Benchmark/npy.c implements the same grammar for the C driver.
struct NPYHeaderDictionary {
  var descr: String
  var fortranOrder: Bool
  var shape: [Int]

  enum Value { case string(String), bool(Bool), tuple([Int]), integer }

  static func parse(_ text: ArraySlice<UInt8>) throws(NPYError) -> NPYHeaderDictionary {
    var p = Parser(bytes: text, i: text.startIndex)
    var items: [String: Value] = [:]
    var order: [String] = []  // keys in first-seen order, for the first error
    p.skipSpace()
    try p.expect(UInt8(ascii: "{"))
    p.skipSpace()
    while p.peek != UInt8(ascii: "}") {
      let key = try p.string()
      p.skipSpace()
      try p.expect(UInt8(ascii: ":"))
      p.skipSpace()
      let value = try p.value()
      if items.updateValue(value, forKey: key) == nil { order.append(key) }
      p.skipSpace()
      if p.peek == UInt8(ascii: ",") {
        p.i += 1
        p.skipSpace()
      } else if p.peek != UInt8(ascii: "}") {
        throw .badHeader(reason: p.unexpected("',' or '}'"))
      }
    }
    p.i += 1
    p.skipSpace()
    guard p.i == text.endIndex else { throw .badHeader(reason: p.unexpected("the end of the header")) }
    for key in order where !["descr", "fortran_order", "shape"].contains(key) {
      throw .badHeader(reason: "key '\(key.prefix(40))' is not descr, fortran_order or shape")
    }
    for key in ["descr", "fortran_order", "shape"] where items[key] == nil { throw .badHeader(reason: "missing '\(key)'") }
    guard case let .string(descr)? = items["descr"] else { throw .badHeader(reason: "descr is not a string") }
    guard case let .bool(fortranOrder)? = items["fortran_order"] else {
      throw .badHeader(reason: "fortran_order is not True or False")
    }
    guard case let .tuple(shape)? = items["shape"] else { throw .badHeader(reason: "shape is not a tuple of integers") }
    return NPYHeaderDictionary(descr: descr, fortranOrder: fortranOrder, shape: shape)
  }

  /// A cursor over the header bytes.
  struct Parser {
    let bytes: ArraySlice<UInt8>
    var i: Int

    var peek: UInt8? { i < bytes.endIndex ? bytes[i] : nil }

    /// Python's whitespace between tokens inside brackets.
    mutating func skipSpace() {
      while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B { i += 1 }
    }

    func unexpected(_ wanted: String) -> String {
      guard let c = peek else { return "ends where \(wanted) should be" }
      let shown = (0x21...0x7E).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : "byte \(c)"
      return "\(shown) at byte \(i - bytes.startIndex) where \(wanted) should be"
    }

    mutating func expect(_ c: UInt8) throws(NPYError) {
      guard peek == c else { throw .badHeader(reason: unexpected("'\(Character(Unicode.Scalar(c)))'")) }
      i += 1
    }

    /// A quoted string without escapes or line breaks.
    mutating func string() throws(NPYError) -> String {
      guard let q = peek, q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else {
        throw .badHeader(reason: unexpected("a quoted string"))
      }
      let start = i + 1
      i = start
      while let c = peek, c != q {
        guard c != UInt8(ascii: "\\"), c != 0x0A, c != 0x0D else { throw .badHeader(reason: unexpected("the closing quote")) }
        i += 1
      }
      guard peek == q else { throw .badHeader(reason: "unterminated string") }
      i += 1
      return String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
    }

    /// A run of letters, digits and underscores (Python reads it as one token).
    mutating func word() -> ArraySlice<UInt8> {
      let start = i
      while let c = peek, c == UInt8(ascii: "_") || (0x30...0x39).contains(c) || (0x41...0x5A).contains(c)
        || (0x61...0x7A).contains(c) || c >= 0x80 { i += 1 }
      return bytes[start..<i]
    }

    /// A decimal integer as Python writes one: `0`, or digits not starting with 0.
    static func integer(_ w: ArraySlice<UInt8>) -> Int? {
      guard !w.isEmpty, w.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
      if w.first == 0x30 { return w.allSatisfy { $0 == 0x30 } ? 0 : nil }
      var v = 0
      for d in w {
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(Int(d - 0x30))
        guard !o1, !o2 else { return nil }
        v = s
      }
      return v
    }

    mutating func value() throws(NPYError) -> Value {
      switch peek {
      case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "("): return .tuple(try tuple())
      default:
        let at = i
        let w = word()
        if w.elementsEqual("True".utf8) { return .bool(true) }
        if w.elementsEqual("False".utf8) { return .bool(false) }
        if Parser.integer(w) != nil { return .integer }
        i = at
        throw .badHeader(reason: unexpected("a string, True, False or a tuple"))
      }
    }

    /// `()`, `(n,)` or `(n, m, ...)` with an optional trailing comma; `(n)` is not a tuple.
    mutating func tuple() throws(NPYError) -> [Int] {
      try expect(UInt8(ascii: "("))
      var values: [Int] = []
      var commas = 0
      skipSpace()
      while peek != UInt8(ascii: ")") {
        let at = i
        guard let v = Parser.integer(word()) else {
          i = at
          throw .badHeader(reason: unexpected("a shape dimension (a decimal integer)"))
        }
        values.append(v)
        skipSpace()
        if peek == UInt8(ascii: ",") {
          i += 1
          commas += 1
          skipSpace()
        } else if peek != UInt8(ascii: ")") {
          throw .badHeader(reason: unexpected("',' or ')'"))
        }
      }
      i += 1
      guard values.count != 1 || commas == 1 else { throw .badHeader(reason: "shape is not a tuple of integers") }
      return values
    }
  }
}
