import Foundation

/// Errors from reading numeric CSV files.
public enum CSVError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// A field is not a number.
  case badValue(line: Int, column: Int, text: String)
  /// A row has a different number of fields from the first row.
  case ragged(line: Int, expected: Int, found: Int)
  /// The file has no data rows.
  case empty

  /// A one-line explanation.
  public var description: String {
    switch self {
    case let .unreadable(p, r): return "cannot read \(p): \(r)"
    case let .badValue(l, c, t): return "CSV line \(l), column \(c): '\(t)' is not a number"
    case let .ragged(l, e, f): return "CSV line \(l) has \(f) fields, expected \(e)"
    case .empty: return "CSV file has no data rows"
    }
  }
}

/// A numeric CSV table (comma-separated, one row per line, optional header line).
public struct CSVTable: Equatable {
  /// The header fields, when the file had a header.
  public var header: [String]?
  /// The rows, all of one width.
  public var rows: [[Float]]

  /// Parses CSV text; blank lines are skipped; line numbers in errors count from 1.
  public init(text: String, hasHeader: Bool = false) throws(CSVError) {
    var rows: [[Float]] = []
    var header: [String]? = nil
    var width = -1
    var lineNumber = 0
    // "\r\n" is one Character in Swift, so both line ends are separators.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      if hasHeader && header == nil {
        header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        width = fields.count
        continue
      }
      if width < 0 { width = fields.count }
      guard fields.count == width else { throw .ragged(line: lineNumber, expected: width, found: fields.count) }
      var row = [Float]()
      row.reserveCapacity(width)
      for (c, f) in fields.enumerated() {
        let s = f.trimmingCharacters(in: .whitespaces)
        guard let v = Float(s), v.isFinite else { throw .badValue(line: lineNumber, column: c + 1, text: String(s)) }
        row.append(v)
      }
      rows.append(row)
    }
    guard !rows.isEmpty else { throw .empty }
    self.header = header
    self.rows = rows
  }

  /// Reads and parses a CSV file.
  public init(contentsOf path: String, hasHeader: Bool = false) throws(CSVError) {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not UTF-8 text" : "no such file")
    }
    try self.init(text: text, hasHeader: hasHeader)
  }
}
