import ArgumentParser
import Foundation
import MicroRuntime
import MoteIO

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Verify a .tflite model and print its operators, tensors, signatures and exact arena size.")

  @Argument(help: "The .tflite model.") var model: String
  @Flag(help: "Print one JSON object instead of text.") var json = false

  func run() throws {
    let report = reportingErrors { try ModelReport(path: model) }
    if json {
      print(report.json.serialized())
    } else {
      print(Self.text(report.json))
    }
    if !report.verified { fail("\(model): \(report.error ?? "invalid model")") }
    if let e = report.openError { fail("\(model): cannot run: \(e)") }
  }

  static func text(_ json: JSON) -> String {
    guard case .object(let fields) = json else { return json.serialized() }
    func get(_ o: [(String, JSON)], _ k: String) -> JSON? { o.first { $0.0 == k }?.1 }
    func s(_ j: JSON?) -> String {
      switch j {
      case .string(let v)?: return v
      case .int(let v)?: return "\(v)"
      case .double(let v)?: return "\(v)"
      case .bool(let v)?: return "\(v)"
      case .array(let a)?: return "[" + a.map { s($0) }.joined(separator: ", ") + "]"
      case .object(let o)?: return o.map { "\($0.0)=\(s($0.1))" }.joined(separator: " ")
      default: return "-"
      }
    }
    var out = ["file: \(s(get(fields, "file"))) (\(s(get(fields, "size_bytes"))) bytes)",
               "verified: \(s(get(fields, "verified")))"]
    guard get(fields, "version") != nil else { return out.joined(separator: "\n") }
    out.append("schema version: \(s(get(fields, "version")))  description: \(s(get(fields, "description")))")
    if case .array(let subgraphs)? = get(fields, "subgraphs") {
      for (i, g) in subgraphs.enumerated() {
        guard case .object(let sg) = g else { continue }
        out.append("subgraph \(i) \(s(get(sg, "name"))): inputs \(s(get(sg, "inputs"))) outputs \(s(get(sg, "outputs")))")
        if case .array(let ops)? = get(sg, "operators") {
          out.append("  operators (\(ops.count)):")
          for op in ops {
            guard case .object(let o) = op else { continue }
            out.append("    \(s(get(o, "index"))): \(s(get(o, "builtin"))) v\(s(get(o, "version"))) in \(s(get(o, "inputs"))) out \(s(get(o, "outputs"))) \(s(get(o, "options")))")
          }
        }
        if case .array(let tensors)? = get(sg, "tensors") {
          out.append("  tensors (\(tensors.count)):")
          for t in tensors {
            guard case .object(let o) = t, case .object(let q)? = get(o, "quantization") else { continue }
            var line = "    \(s(get(o, "index"))): \(s(get(o, "name"))) \(s(get(o, "type"))) \(s(get(o, "shape")))"
            if s(get(o, "shape_signature")) != s(get(o, "shape")) { line += " signature \(s(get(o, "shape_signature")))" }
            if s(get(o, "buffer_size")) != "0" { line += " const \(s(get(o, "buffer_size"))) bytes" }
            if case .array(let sc)? = get(q, "scales"), !sc.isEmpty {
              line += sc.count == 1 ? " scale \(s(sc[0])) zero_point \(s(get(q, "zero_points")))"
                : " per-channel(\(sc.count)) axis \(s(get(q, "quantized_dimension")))"
            }
            out.append(line)
          }
        }
      }
    }
    if case .array(let sigs)? = get(fields, "signatures") {
      for sig in sigs { out.append("signature: \(s(sig))") }
    }
    out.append("metadata: \(s(get(fields, "metadata")))")
    if case .object(let arena)? = get(fields, "arena") {
      if let e = get(arena, "error") {
        out.append("arena: cannot plan: \(s(e))")
      } else {
        out.append("arena: \(s(get(arena, "total_bytes"))) bytes (persistent \(s(get(arena, "persistent_bytes"))), activations \(s(get(arena, "activation_bytes"))), scratch \(s(get(arena, "scratch_bytes"))))")
      }
    }
    return out.joined(separator: "\n")
  }
}
