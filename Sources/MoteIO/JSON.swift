import Foundation

/// A JSON value with ordered object keys, for deterministic tool output.
public indirect enum JSON: Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

  /// Compact serialization.
  public func serialized() -> String {
    var out = ""
    write(into: &out)
    return out
  }

  func write(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isNaN { out += "\"NaN\"" } else if d.isInfinite { out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"" } else {
        out += "\(d)"
      }
    case .string(let s): JSON.escape(s, into: &out)
    case .array(let a):
      out += "["
      for (i, v) in a.enumerated() {
        if i > 0 { out += ", " }
        v.write(into: &out)
      }
      out += "]"
    case .object(let o):
      out += "{"
      for (i, (k, v)) in o.enumerated() {
        if i > 0 { out += ", " }
        JSON.escape(k, into: &out)
        out += ": "
        v.write(into: &out)
      }
      out += "}"
    }
  }

  static func escape(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
      }
    }
    out += "\""
  }
}
