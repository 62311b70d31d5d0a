import Foundation
import MoteIO
import MoteTestSupport
import XCTest

/// The `mote` command as a user runs it: success paths and one clear line plus a non-zero exit for
/// every kind of bad input.
final class CLITests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  func mote(_ args: [String]) throws -> ToolResult { try runTool("mote", args) }

  func temp(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mote-cli-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
  }

  func assertFails(_ r: ToolResult, mentioning text: String, file: StaticString = #filePath, line: UInt = #line) {
    assertOneLineFailure(r, mentioning: text, file: file, line: line)
  }

  var mlp: String { Self.fixtures.appendingPathComponent("mlp/float/model.tflite").path }
  var mlpInput: String { Self.fixtures.appendingPathComponent("mlp/float/input_0.npy").path }

  func testInspectJSONOnFixture() throws {
    let r = try mote(["inspect", mlp, "--json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(json["verified"] as? String, "ok")
    let arena = json["arena"] as! [String: Any]
    XCTAssertGreaterThan(arena["total_bytes"] as! Int, 0)
  }

  func testInspectRejectsNonModels() throws {
    let text = temp("not-a-model.tflite")
    try "hello, this is text and not a FlatBuffer at all".write(toFile: text, atomically: true, encoding: .utf8)
    assertFails(try mote(["inspect", text]), mentioning: "TFL3")
    assertFails(try mote(["inspect", temp("missing.tflite")]), mentioning: "no such file")
    let truncated = temp("truncated.tflite")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: mlp))
    try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: truncated))
    let r = try mote(["inspect", truncated])
    XCTAssertNotEqual(r.status, 0)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
  }

  func testRunWritesOutputsMatchingLiteRT() throws {
    let dir = temp("run-out")
    let r = try mote(["run", mlp, "--input", mlpInput, "--output-dir", dir])
    XCTAssertEqual(r.status, 0, r.stderr)
    let got = try NPYArray.read(path: dir + "/output_0.npy")
    let want = try NPYArray.read(path: Self.fixtures.appendingPathComponent("mlp/float/output_0.npy").path)
    XCTAssertEqual(got.shape, want.shape)
    for (a, b) in zip(got.floats, want.floats) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
  }

  func testRunRejectsBadInputs() throws {
    let dir = temp("run-bad")
    // Wrong dtype.
    let int8Input = Self.fixtures.appendingPathComponent("mlp/int8/input_0.npy").path
    assertFails(try mote(["run", mlp, "--input", int8Input, "--output-dir", dir]), mentioning: "dtype")
    // Wrong shape.
    let wrongShape = temp("shape.npy")
    try NPYArray(floats: [Float](repeating: 0.5, count: 32), shape: [1, 32]).write(path: wrongShape)
    assertFails(try mote(["run", mlp, "--input", wrongShape, "--output-dir", dir]), mentioning: "shape")
    // NaN.
    let nan = temp("nan.npy")
    var values = [Float](repeating: 0.5, count: 64)
    values[7] = .nan
    try NPYArray(floats: values, shape: [1, 64]).write(path: nan)
    assertFails(try mote(["run", mlp, "--input", nan, "--output-dir", dir]), mentioning: "element 7")
    // A header that lies about the data size.
    let lying = temp("lying.npy")
    var encoded = NPYArray(floats: [Float](repeating: 0.5, count: 64), shape: [1, 64]).encoded()
    encoded.removeLast(40)
    try Data(encoded).write(to: URL(fileURLWithPath: lying))
    assertFails(try mote(["run", mlp, "--input", lying, "--output-dir", dir]), mentioning: "header says")
    // Missing input file; wrong number of inputs.
    assertFails(try mote(["run", mlp, "--input", temp("nope.npy"), "--output-dir", dir]), mentioning: "nope.npy")
    assertFails(try mote(["run", mlp, "--output-dir", dir]), mentioning: "1 input(s), 0 given")
    // Not a .npy at all.
    let notNpy = temp("text.npy")
    try "plain text".write(toFile: notNpy, atomically: true, encoding: .utf8)
    assertFails(try mote(["run", mlp, "--input", notNpy, "--output-dir", dir]), mentioning: "not a .npy")
  }
}
