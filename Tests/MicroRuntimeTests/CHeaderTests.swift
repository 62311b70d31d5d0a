import Foundation
import MicroRuntime
import XCTest

/// include/mote.h is written by hand; these checks hold it to the Swift it declares.
final class CHeaderTests: XCTestCase {
  let header: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent("include/mote.h"), encoding: .utf8)) ?? ""
  }()

  /// MOTE_ERROR_<KIND> = cCode for every MicroErrorKind, in order, and nothing else.
  func testErrorKindsMatchMicroErrorKind() throws {
    var declared: [(String, Int32)] = []
    for line in header.split(separator: "\n") {
      let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
      if parts.count == 3, parts[0].hasPrefix("MOTE_ERROR_"), parts[1] == "=" {
        declared.append((String(parts[0]), Int32(parts[2].trimmingCharacters(in: CharacterSet(charactersIn: ","))) ?? -1))
      }
    }
    var expected: [(String, Int32)] = [("MOTE_ERROR_NONE", 0)]
    var raw: UInt16 = 0
    while let kind = MicroErrorKind(rawValue: raw) {
      // camelCase → UPPER_SNAKE (builtinOptions2Unsupported → BUILTIN_OPTIONS2_UNSUPPORTED).
      var name = ""
      for c in String(describing: kind) {
        if c.isUppercase { name += "_" }
        name += c.uppercased()
      }
      expected.append(("MOTE_ERROR_" + name, kind.cCode))
      raw += 1
    }
    XCTAssertEqual(declared.map(\.0), expected.map(\.0))
    XCTAssertEqual(declared.map(\.1), expected.map(\.1))
  }

  /// Every kernel of OpResolver.allOps has its mote_op_resolver_add_<operator> function, named
  /// after the operator's TFLite name.
  func testResolverHasOneAddFunctionPerKernel() {
    let all = OpResolver.allOps
    var names: [String] = []
    for i in 0..<all.count {
      let name = all[i].op.name.map { "\($0)" } ?? "?"
      names.append("int mote_op_resolver_add_\(name.lowercased())(mote_op_resolver *r);")
    }
    for line in names { XCTAssertTrue(header.contains(line), "mote.h lacks \(line)") }
    let declared = header.split(separator: "\n").filter { $0.hasPrefix("int mote_op_resolver_add_") && !$0.contains("_add_all") }
    XCTAssertEqual(declared.count, all.count)
  }
}
