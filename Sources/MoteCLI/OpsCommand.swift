import ArgumentParser
import Foundation
import MicroRuntime
import MoteIO

struct Ops: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the operators a model needs and mark those Mote lacks (or, with --all, every operator Mote has).")

  @Argument(help: "The .tflite model.") var model: String?
  @Flag(help: "List every operator and version range in Mote's resolver, as a Markdown table.") var all = false

  func run() throws {
    let resolver = OpResolver.allOps
    if all {
      print("| operator | versions |")
      print("| --- | --- |")
      var rows: [(String, String)] = []
      for i in 0..<resolver.count {
        let r = resolver[i]
        rows.append((r.op.displayName, r.minVersion == r.maxVersion ? "\(r.minVersion)" : "\(r.minVersion)–\(r.maxVersion)"))
      }
      for (name, versions) in rows.sorted(by: { $0.0 < $1.0 }) { print("| \(name) | \(versions) |") }
      return
    }
    guard let model else { fail("give a model, or --all") }
    let file = reportingErrors { try AlignedBytes(contentsOf: model) }
    let verified = reportingErrors { () throws -> VerifiedModel in
      do throws(MicroError) { return try VerifiedModel(bytes: file.bytes) } catch { throw error }
    }
    let m = verified.model
    var seen = Set<String>()
    var missing = 0
    let ops = m.subgraphs[0].operators
    for i in 0..<ops.count {
      let c = m.operatorCodes[Int(ops[i].opcodeIndex)]
      let code = VerifiedModel.builtinCode(c)
      let key = "\(code.displayName) v\(c.version)"
      if !seen.insert(key).inserted { continue }
      let ok = resolver.find(code, version: c.version) != nil
      if !ok { missing += 1 }
      print("\(ok ? "  " : "✗ ")\(key)\(ok ? "" : resolver.supports(code) ? "  (version not supported)" : "  (missing)")")
    }
    if missing > 0 { fail("\(model): \(missing) operator(s) not supported by Mote") }
  }
}
