import Foundation
import MoteTestSupport
import XCTest

/// README.md stays true: its Swift example is the code ConverterTests/ReadmeExampleTests.swift runs,
/// and its operator table is what `mote ops --all` prints from the resolver.
final class ReadmeTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func readme() throws -> String {
    try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
  }

  func testSwiftExampleIsTheTestedCode() throws {
    let test = try String(contentsOf: Self.root.appendingPathComponent("Tests/ConverterTests/ReadmeExampleTests.swift"), encoding: .utf8)
    let lines = test.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.contains("README example starts") }),
          let end = lines.firstIndex(where: { $0.contains("README example ends") }) else {
      return XCTFail("markers missing in ReadmeExampleTests.swift")
    }
    let example = lines[(start + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0 }.joined(separator: "\n")
    XCTAssertTrue(try readme().contains("```swift\n" + example + "\n```"), "README's Swift example differs from the tested code")
  }

  func testOperatorTableIsTheResolver() throws {
    let r = try runTool("mote", ["ops", "--all"])
    let table = r.stdout
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(table.hasPrefix("| operator | versions |"))
    XCTAssertTrue(try readme().contains(table), "README's operator table differs from `mote ops --all`")
  }
}
