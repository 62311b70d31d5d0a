import Foundation
import MoteIO
import MoteTestSupport
import XCTest

/// Both `.npy` readers — Swift's (NumPyFile, through MoteIO's `NPYArray`) and the C driver's
/// (Sources/Benchmark/npy.c, through tools/tests/npy_probe.c) — against numpy's own reading of every
/// file in Tests/Fixtures/npy (made by tools/fixtures/make_npy_fixtures.py: files numpy wrote, of
/// every dtype, both orders and format versions 1–3, and hand-made header dictionaries).
///
/// A file numpy refuses must be refused. A file numpy reads must be read to the same shape and
/// values, or refused for a stated reason: Fortran order, a dtype the reader does not handle, or a
/// header marked "refuse" (Python literal syntax numpy never writes). Never read differently.
final class NPYReaderTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Tests/Fixtures/npy")

  /// numpy's verdict on one file.
  struct Verdict {
    var accepted: Bool
    var descr = ""
    var shape: [Int] = []
    var fortranOrder = false
    var values: [Double] = []
    var moteRefuses = false
  }

  func verdicts() throws -> [(String, Verdict)] {
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("index.json"))
    let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["files"] as? [String: [String: Any]])
    XCTAssertGreaterThan(files.count, 250)
    return files.keys.sorted().map { name in
      let f = files[name]!
      var v = Verdict(accepted: f["numpy"] as? String == "ok")
      v.descr = f["descr"] as? String ?? ""
      v.shape = (f["shape"] as? [Int]) ?? []
      v.fortranOrder = f["fortran_order"] as? Bool ?? false
      v.values = (f["values"] as? [Double]) ?? []
      v.moteRefuses = f["mote"] as? String == "refuse"
      return (name, v)
    }
  }

  /// Whether a reader that handles `descrs` must read the file (else it must refuse it).
  func mustRead(_ v: Verdict, descrs: Set<String>) -> Bool {
    v.accepted && !v.fortranOrder && !v.moteRefuses && descrs.contains(v.descr)
  }

  func testSwiftReaderAgreesWithNumPy() throws {
    let descrs: Set<String> = ["<f4", "<f2", "<i4", "<i8", "<i2", "|i1", "|u1", "|b1", "<u2", "<u4", "<f8", "<u8"]
    var read = 0
    for (name, v) in try verdicts() {
      let path = Self.fixtures.appendingPathComponent(name).path
      let result = Result { try NPYArray.read(path: path) }
      if mustRead(v, descrs: descrs) {
        guard case let .success(a) = result else {
          XCTFail("\(name): numpy reads it, Swift refuses: \(result)")
          continue
        }
        XCTAssertEqual(a.shape, v.shape, name)
        XCTAssertEqual(a.doubles, v.values, name)
        read += 1
      } else if case let .success(a) = result {
        XCTFail("\(name): numpy \(v.accepted ? "reads it with fortran_order \(v.fortranOrder), descr \(v.descr)" : "refuses it"); Swift read shape \(a.shape)")
      }
    }
    XCTAssertGreaterThan(read, 150)
  }

  func testCReaderAgreesWithNumPy() throws {
    // Compile the probe over the driver's reader, as toolchains/build.sh compiles the driver.
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("npy-probe-\(getpid())").path
    let cc = Process()
    cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    cc.arguments = ["gcc", "-O1", "-std=c11", "-Wall", "-Werror", "-I", Self.root.appendingPathComponent("include").path,
                    "-I", Self.root.appendingPathComponent("Sources/Benchmark").path,
                    Self.root.appendingPathComponent("tools/tests/npy_probe.c").path,
                    Self.root.appendingPathComponent("Sources/Benchmark/npy.c").path, "-lm", "-o", probe]
    try cc.run()
    cc.waitUntilExit()
    XCTAssertEqual(cc.terminationStatus, 0, "compiling the .npy probe")
    defer { try? FileManager.default.removeItem(atPath: probe) }

    let cases = try verdicts()
    let out = Pipe()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: probe)
    p.arguments = cases.map { Self.fixtures.appendingPathComponent($0.0).path }
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let lines = text.split(separator: "\n")
    XCTAssertEqual(lines.count, cases.count)
    let types = ["<f4": "float32", "<f2": "float16", "<i4": "int32", "<i8": "int64", "<i2": "int16", "|i1": "int8",
                 "|u1": "uint8", "|b1": "bool"]
    var read = 0
    for ((name, v), line) in zip(cases, lines) {
      let words = line.split(separator: " ")
      if mustRead(v, descrs: Set(types.keys)) {
        guard words.first == "ok", words.count >= 3, let rank = Int(words[2]), words.count >= 3 + rank else {
          XCTFail("\(name): numpy reads it, C refuses: \(line)")
          continue
        }
        XCTAssertEqual(String(words[1]), types[v.descr], name)
        XCTAssertEqual(words[3..<(3 + rank)].map { Int($0) }, v.shape.map { Optional($0) }, name)
        XCTAssertEqual(words[(3 + rank)...].map { Double($0) }, v.values.map { Optional($0) }, name)
        read += 1
      } else {
        XCTAssertEqual(words.first, "error", "\(name): numpy \(v.accepted ? "reads it with fortran_order \(v.fortranOrder), descr \(v.descr)" : "refuses it"); C read \(line.prefix(80))")
      }
    }
    XCTAssertGreaterThan(read, 100)
  }
}
