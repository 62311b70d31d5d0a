import Converter
import Foundation
import MoteIO
import MoteTestSupport
import XCTest

/// `mote convert` run as a process: outputs that open and run, one clear line and a non-zero exit
/// for every bad input. (`swift build` builds the `mote` product before the tests run.)
final class ConvertCommandTests: XCTestCase {
  func mote(_ args: [String]) throws -> ToolResult { try runTool("mote", args, in: packageRoot) }

  func assertFails(_ r: ToolResult, mentioning text: String, file: StaticString = #filePath, line: UInt = #line) {
    assertOneLineFailure(r, mentioning: text, file: file, line: line)
  }

  let mlp = rootPath("Tests/Fixtures/converter/digits-mlp.safetensors")

  func testCheckpointToFloatAndFloat16() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for mode in ["none", "float16", "dynamic"] {
      let out = dir.appendingPathComponent("\(mode).tflite").path
      let r = try mote(["convert", "--checkpoint", mlp, "--arch", "digits-mlp", "--quantize", mode, "-o", out])
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertTrue(r.stdout.contains("quantize=\(mode)"), r.stdout)
      let g = try TFLiteGraph(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
      XCTAssertEqual(g.operators.filter { $0.code == .fullyConnected }.count, 2)
    }
  }

  func testFromTFLiteWithCalibrationFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cal = dir.appendingPathComponent("cal.npy").path
    let xs = samples(try digits("digits-mlp").train).prefix(64)
    try MoteIO.NPYArray(floats: xs.flatMap { $0 }, shape: [xs.count, 64]).write(path: cal)
    let out = dir.appendingPathComponent("mlp_int8.tflite").path
    let r = try mote(["convert", "--from", rootPath("Tests/Fixtures/mlp/float/model.tflite"), "--quantize", "int8",
                      "--calibration", cal, "--io", "float32", "-o", out])
    XCTAssertEqual(r.status, 0, r.stderr)
    let g = try TFLiteGraph(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    XCTAssertEqual(g.operators.map(\.code), [.quantize, .fullyConnected, .fullyConnected, .dequantize])
  }

  func testBadInputsFailWithOneLine() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("x.tflite").path
    assertFails(try mote(["convert", "--checkpoint", mlp, "--arch", "digits-mlp", "--quantize", "int4", "-o", out]), mentioning: "--quantize")
    assertFails(try mote(["convert", "--checkpoint", mlp, "--arch", "resnet", "-o", out]), mentioning: "unknown architecture")
    assertFails(try mote(["convert", "--checkpoint", mlp, "-o", out]), mentioning: "--arch")
    assertFails(try mote(["convert", "--checkpoint", "/nonexistent.safetensors", "--arch", "digits-mlp", "-o", out]), mentioning: "no such file")
    assertFails(try mote(["convert", "--checkpoint", mlp, "--arch", "digits-cnn", "-o", out]), mentioning: "layers.0.weight")
    assertFails(try mote(["convert", "-o", out]), mentioning: "--checkpoint")
    assertFails(try mote(["convert", "--from", rootPath("Tests/Fixtures/mlp/int8/model.tflite"), "--quantize", "int8",
                          "--calibration", "/nonexistent.npy", "-o", out]), mentioning: "already quantized")
    assertFails(try mote(["convert", "--from", rootPath("Tests/Fixtures/mlp/float/model.tflite"), "--quantize", "int8", "-o", out]),
                mentioning: "--calibration")
    let wrong = dir.appendingPathComponent("wrong.npy").path
    try MoteIO.NPYArray(floats: [Float](repeating: 0, count: 10), shape: [1, 10]).write(path: wrong)
    assertFails(try mote(["convert", "--from", rootPath("Tests/Fixtures/mlp/float/model.tflite"), "--quantize", "int8",
                          "--calibration", wrong, "-o", out]), mentioning: "expected [N, 64]")
    assertFails(try mote(["convert", "--checkpoint", mlp, "--arch", "digits-mlp", "--quantize", "int8",
                          "--keep-float", "nope", "-o", out]), mentioning: "no layer named 'nope'")
    let garbage = dir.appendingPathComponent("garbage.tflite").path
    try Data([1, 2, 3, 4, 5, 6, 7, 8]).write(to: URL(fileURLWithPath: garbage))
    assertFails(try mote(["convert", "--from", garbage, "-o", out]), mentioning: "not a valid .tflite")
    XCTAssertFalse(FileManager.default.fileExists(atPath: out), "a failed conversion must not leave an output file")
  }

  func testInt8WithDefaultCalibrationReportAndKeepFloat() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("cnn_int8.tflite").path
    let r = try mote(["convert", "--checkpoint", rootPath("Tests/Fixtures/converter/digits-cnn.safetensors"), "--arch", "digits-cnn",
                      "--quantize", "int8", "--report", "--keep-float", "layers.5", "-o", out])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("calibration=1437 samples"), r.stdout)  // the digits train split
    let reportLines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("layers.") }
    XCTAssertEqual(reportLines.map { String($0.prefix(8)) }, ["layers.0", "layers.1", "layers.2", "layers.3", "layers.4", "layers.5"])
    let g = try TFLiteGraph(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    XCTAssertEqual(g.operators.map(\.code), [.conv2D, .maxPool2D, .conv2D, .maxPool2D, .reshape, .dequantize, .fullyConnected, .quantize])
  }
}
