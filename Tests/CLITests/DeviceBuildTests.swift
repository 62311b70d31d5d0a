import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// The Embedded Swift builds from `make cross` (dist/<target>/mote-benchmark, runtime compiled with
/// -no-allocations or proven allocation-free): every fixture the host runs must give the host's
/// outputs on every target — int8 bit-exact, float within 1e-5 relative — natively for x86_64 and
/// under qemu-user for aarch64 and armv7.
final class DeviceBuildTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let targets: [(name: String, runner: [String])] = [
    ("x86_64", []), ("aarch64", ["qemu-aarch64", "-cpu", "max"]), ("aarch64-armv8a", ["qemu-aarch64", "-cpu", "cortex-a53"]),
    ("armv7", ["qemu-arm", "-cpu", "cortex-a15"]),
  ]

  func run(_ argv: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = argv
    let err = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: e, as: UTF8.self))
  }

  func testFixturesOnEveryTargetMatchTheHost() throws {
    let fixtures = Fixture.all()
    XCTAssertGreaterThan(fixtures.count, 100)
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mote-device-\(getpid())")
    defer { try? FileManager.default.removeItem(at: tmp) }
    var compared = 0
    for target in Self.targets {
      let binary = Self.root.appendingPathComponent("dist/\(target.name)/mote-benchmark").path
      guard FileManager.default.isExecutableFile(atPath: binary) else {
        XCTFail("\(binary) missing: run `make cross` first")
        continue
      }
      var failures: [String] = []
      for f in fixtures {
        // Only models the host runs; FixtureTests reports the others.
        guard let runner = try? ModelRunner(path: f.modelPath) else { continue }
        let inputs = try f.inputs
        try runner.setInputs(inputs, names: [])
        try runner.invoke()
        let host = try runner.outputs()
        let out = tmp.appendingPathComponent("\(target.name)/\(f.name)-\(f.variant)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let files = (0..<inputs.count).map { f.directory.appendingPathComponent("input_\($0).npy").path }
        var argv = target.runner + [binary, "--graph=\(f.modelPath)", "--num_runs=1", "--warmup_runs=0", "--output_dir=\(out.path)"]
        if !files.isEmpty { argv.append("--input_layer_value_files=" + files.joined(separator: ",")) }
        let (status, stderr) = try run(argv)
        if status != 0 {
          failures.append("\(f.name)/\(f.variant): exit \(status): \(stderr)")
          continue
        }
        var device: [NPYArray] = []
        for k in 0..<host.count { device.append(try NPYArray.read(path: out.appendingPathComponent("output_\(k).npy").path)) }
        if let problem = compare(device, host, tolerance: 1e-5) { failures.append("\(f.name)/\(f.variant): \(problem)") }
        compared += 1
      }
      XCTAssert(failures.isEmpty, "\(target.name): \(failures.count) fixtures differ from the host:\n" + failures.joined(separator: "\n"))
    }
    XCTAssertGreaterThan(compared, 0)
    print("device builds: \(compared) fixture runs compared with the host")
  }

  /// tools/tests/capi_check.c on every target: the C API answers NULL pointers, never-opened and
  /// failed-open storage and out-of-range indices without crashing (include/mote.h).
  func testCAPIRefusesNullAndUnopenedStorageOnEveryTarget() throws {
    let model = Fixture.root.appendingPathComponent("mlp/float/model.tflite").path
    for target in Self.targets {
      let binary = Self.root.appendingPathComponent("dist/\(target.name)/capi-check").path
      guard FileManager.default.isExecutableFile(atPath: binary) else {
        XCTFail("\(binary) missing: run `make cross` first")
        continue
      }
      let (status, stderr) = try run(target.runner + [binary, model])
      XCTAssertEqual(status, 0, "\(target.name): \(stderr)")
    }
  }
}
