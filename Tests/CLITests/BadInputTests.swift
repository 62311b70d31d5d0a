import Foundation
import MoteIO
import MoteTestSupport
import XCTest

/// Bad input to every command-line tool — hostile models, lying `.npy` headers, NaN and Inf,
/// directories, missing and empty files — gives one line on stderr and exit status 1: never a
/// crash (a signal), a hang, or a stack trace. (CLITests covers the first cases of `mote run`:
/// wrong dtype and shape, NaN, a short data section, a missing input, text as .npy.)
final class BadInputTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Runs a product in the scratch folder with a deadline (a run past it is a hang).
  func tool(_ name: String, _ args: [String], deadline: TimeInterval = 60,
            file: StaticString = #filePath, line: UInt = #line) throws -> ToolResult {
    try runTool(name, args, in: URL(fileURLWithPath: scratch), deadline: deadline, file: file, line: line)
  }

  /// Asserts exit status 1 (not a signal) and exactly one stderr line containing `text`.
  func assertRefused(_ o: ToolResult, _ text: String = "", _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(o.signaled, "\(what): killed by signal \(o.status); stderr: \(o.stderr.prefix(400))", file: file, line: line)
    XCTAssertEqual(o.status, 1, "\(what): exit status; stderr: \(o.stderr.prefix(400))", file: file, line: line)
    let lines = o.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, "\(what): stderr: \(o.stderr.prefix(400))", file: file, line: line)
    if !text.isEmpty {
      XCTAssertTrue(o.stderr.contains(text), "\(what): stderr \(o.stderr) lacks \(text)", file: file, line: line)
    }
  }

  var scratch: String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mote-bad-input-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }
  func temp(_ name: String) -> String { (scratch as NSString).appendingPathComponent(name) }

  var mlp: String { Self.fixtures.appendingPathComponent("mlp/float/model.tflite").path }
  var mlpInput: String { Self.fixtures.appendingPathComponent("mlp/float/input_0.npy").path }

  /// A float32 .npy for the mlp input ([1, 64]) with `values` patched in.
  func mlpArray(_ patch: (inout [Float]) -> Void) throws -> String {
    var v = [Float](repeating: 0.25, count: 64)
    patch(&v)
    let path = temp("in-\(UUID().uuidString).npy")
    try NPYArray(floats: v, shape: [1, 64]).write(path: path)
    return path
  }

  /// Writes `.npy` bytes with `header` (a Python dict literal) and `dataBytes` bytes of data.
  func npy(_ header: String, dataBytes: Int, version: UInt8 = 1, headerLength: Int? = nil) throws -> String {
    var h = Array(header.utf8) + [0x0A]
    while (10 + h.count) % 64 != 0 { h.insert(0x20, at: h.count - 1) }
    let n = headerLength ?? h.count
    var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    out += version == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
    out += h + [UInt8](repeating: 0, count: dataBytes)
    let path = temp("hdr-\(UUID().uuidString).npy")
    try Data(out).write(to: URL(fileURLWithPath: path))
    return path
  }

  func testHostileModelsInEveryTool() throws {
    let dir = Self.fixtures.appendingPathComponent("malicious")
    let models = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tflite") }.sorted()
    XCTAssertGreaterThanOrEqual(models.count, 15)
    for m in models {
      let path = dir.appendingPathComponent(m).path
      assertRefused(try tool("mote", ["inspect", path]), "", "mote inspect \(m)")
      assertRefused(try tool("mote", ["inspect", path, "--json"]), "", "mote inspect --json \(m)")
      assertRefused(try tool("mote", ["run", path, "--input", mlpInput, "--output-dir", temp("out")]), "", "mote run \(m)")
      assertRefused(try tool("mote-benchmark", ["--graph=\(path)", "--num_runs=1", "--warmup_runs=0"]), "", "mote-benchmark \(m)")
      assertRefused(try tool("mote", ["convert", "--from", path, "--quantize", "dynamic", "-o", temp("c.tflite")]), "",
                    "mote convert --from \(m)")
    }
  }

  func testArenaBeyondTheHostLimitIsRefusedWithoutAllocatingIt() throws {
    let path = Self.fixtures.appendingPathComponent("malicious/arena_exhaustion.tflite").path
    let start = Date()
    assertRefused(try tool("mote", ["inspect", path]), "arena is too small", "mote inspect")
    assertRefused(try tool("mote", ["run", path, "--output-dir", temp("out")]), "arena is too small", "mote run")
    assertRefused(try tool("mote-benchmark", ["--graph=\(path)"]), "arena is too small", "mote-benchmark")
    XCTAssertLessThan(Date().timeIntervalSince(start), 20, "refusing a 2 GB arena must not touch 2 GB")
  }

  func testEmptyTruncatedAndDirectoryModels() throws {
    let empty = temp("empty.tflite")
    FileManager.default.createFile(atPath: empty, contents: Data())
    let dir = temp("a-directory.tflite")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let throughFile = mlp + "/inner.tflite"   // a path through a regular file: ENOTDIR
    for (path, text) in [(empty, "too small"), (dir, "directory"), (throughFile, "inner.tflite")] {
      assertRefused(try tool("mote", ["inspect", path]), text, "mote inspect \(path)")
      assertRefused(try tool("mote", ["run", path, "--input", mlpInput, "--output-dir", temp("out")]), text, "mote run \(path)")
      assertRefused(try tool("mote-benchmark", ["--graph=\(path)"]), path == empty ? text : "", "mote-benchmark \(path)")
    }
    assertRefused(try tool("mote-benchmark", ["--graph=\(temp("missing.tflite"))"]), "missing.tflite", "mote-benchmark missing")
    assertRefused(try tool("mote", ["run", temp("missing.tflite"), "--input", mlpInput, "--output-dir", temp("out")]),
                  "no such file", "mote run missing")
  }

  func testInputFilesThatAreNotFiles() throws {
    let dir = temp("input-dir.npy")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    assertRefused(try tool("mote", ["run", mlp, "--input", dir, "--output-dir", temp("out")]), "is a directory", "mote run dir input")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(dir)"]), "input-dir.npy",
                  "mote-benchmark dir input")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(temp("gone.npy"))"]), "gone.npy",
                  "mote-benchmark missing input")
    // The output directory cannot be made: its parent is a regular file.
    assertRefused(try tool("mote", ["run", mlp, "--input", mlpInput, "--output-dir", mlp + "/out"]), "output directory",
                  "mote run bad output dir")
  }

  func testFIFOsAndHugeFilesAreRefusedBeforeReading() throws {
    // A FIFO nobody writes to: opening it for reading would block forever.
    let fifo = temp("fifo-\(UUID().uuidString).npy")
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    defer { unlink(fifo) }
    assertRefused(try tool("mote", ["inspect", fifo], deadline: 20), "not a regular file", "mote inspect fifo")
    assertRefused(try tool("mote", ["run", mlp, "--input", fifo, "--output-dir", temp("out")], deadline: 20),
                  "not a regular file", "mote run fifo input")
    assertRefused(try tool("mote-benchmark", ["--graph=\(fifo)"], deadline: 20), "not a regular file", "bench fifo graph")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(fifo)"], deadline: 20),
                  "not a regular file", "bench fifo input")
    assertRefused(try tool("mote", ["convert", "--checkpoint", fifo, "--arch", "digits-mlp", "-o", temp("f.tflite")], deadline: 20),
                  "not a regular file", "convert fifo checkpoint")
    // A 3 GB sparse file: refused by its size, before any byte is read.
    let huge = temp("huge-\(UUID().uuidString).tflite")
    XCTAssertTrue(FileManager.default.createFile(atPath: huge, contents: Data()))
    defer { unlink(huge) }
    XCTAssertEqual(truncate(huge, 3 << 30), 0)
    assertRefused(try tool("mote", ["inspect", huge], deadline: 20), "FlatBuffer limit", "mote inspect 3 GB")
    assertRefused(try tool("mote-benchmark", ["--graph=\(huge)"], deadline: 20), "FlatBuffer limit", "bench 3 GB")
    // A 1.2 GB .npy whose header disagrees with the model: refused by its header.
    let big = try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 300000000), }", dataBytes: 0)
    XCTAssertEqual(truncate(big, 1_200_000_064), 0)
    defer { unlink(big) }
    assertRefused(try tool("mote", ["run", mlp, "--input", big, "--output-dir", temp("out")], deadline: 20),
                  "shape [1, 300000000] but input 0 has shape [1, 64]", "mote run 1.2 GB input")
  }

  func testSafetensorsShapesThatOverflow() throws {
    // {"w": {"dtype": "F32", "shape": [1e14, 1e14], "data_offsets": [0, 4]}} and 4 data bytes.
    let header = #"{"w":{"dtype":"F32","shape":[100000000000000,100000000000000],"data_offsets":[0,4]}}"#
    var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { Array($0) }
    bytes += Array(header.utf8) + [0, 0, 0, 0]
    let path = temp("overflow.safetensors")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    assertRefused(try tool("mote", ["convert", "--checkpoint", path, "--arch", "digits-mlp", "-o", temp("o.tflite")]),
                  "more values than any file", "convert overflowing safetensors shape")
  }

  func testConvertRefusesBadFilesAndCalibrationData() throws {
    let dir = temp("convert-dir.tflite")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let out = temp("converted.tflite")
    assertRefused(try tool("mote", ["convert", "--from", dir, "--quantize", "dynamic", "-o", out]), "is a directory",
                  "convert --from dir")
    assertRefused(try tool("mote", ["convert", "--checkpoint", dir, "--arch", "digits-mlp", "-o", out]), "convert-dir",
                  "convert --checkpoint dir")
    let garbage = temp("garbage.safetensors")
    try Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B, 0x7D]).write(to: URL(fileURLWithPath: garbage))
    assertRefused(try tool("mote", ["convert", "--checkpoint", garbage, "--arch", "digits-mlp", "-o", out]), "header",
                  "convert lying safetensors header")
    // Calibration: NaN, and a lying .npy header.
    var values = [Float](repeating: 0.5, count: 128)
    values[5] = .nan
    let nan = temp("nan-calibration.npy")
    try NPYArray(floats: values, shape: [2, 64]).write(path: nan)
    assertRefused(try tool("mote", ["convert", "--from", mlp, "--quantize", "int8", "--calibration", nan, "-o", out]),
                  "element 5", "convert NaN calibration")
    let lying = try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1073741824), }", dataBytes: 512)
    assertRefused(try tool("mote", ["convert", "--from", mlp, "--quantize", "int8", "--calibration", lying, "-o", out]),
                  "header says", "convert lying calibration header")
  }

  func testNonFiniteInputs() throws {
    let inf = try mlpArray { $0[3] = .infinity }
    let nan = try mlpArray { $0[60] = .nan }
    assertRefused(try tool("mote", ["run", mlp, "--input", inf, "--output-dir", temp("out")]), "element 3", "mote run inf")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(inf)"]), "element 3", "bench inf")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(nan)"]), "element 60", "bench nan")
  }

  func testInputsOfTheWrongDtypeOrShapeForTheBenchmark() throws {
    let int8 = Self.fixtures.appendingPathComponent("mlp/int8/input_0.npy").path
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(int8)"]), "dtype", "bench dtype")
    let shape = temp("shape-32.npy")
    try NPYArray(floats: [Float](repeating: 0, count: 32), shape: [1, 32]).write(path: shape)
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(shape)"]), "shape", "bench shape")
    assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(mlpInput),\(mlpInput)"]),
                  "more files", "bench too many files")
  }

  func testLyingNPYHeaders() throws {
    let cases: [(String, String)] = [
      // A shape whose element count overflows 64 bits.
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 8), }", dataBytes: 256), "large"),
      // A shape far larger than the data.
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1073741824), }", dataBytes: 256), "1073741824"),
      // A negative dimension.
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, -64), }", dataBytes: 256), "shape"),
      // A header length beyond the end of the file (version 1 and version 2 length fields).
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 64), }", dataBytes: 0, headerLength: 65000), "header"),
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 64), }", dataBytes: 0, version: 2,
               headerLength: 0x7FFF_FFF0), "header"),
      // No dtype; an unknown dtype; an unknown format version.
      (try npy("{'fortran_order': False, 'shape': (1, 64), }", dataBytes: 256), "descr"),
      (try npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1, 64), }", dataBytes: 512), "dtype"),
      (try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 64), }", dataBytes: 256, version: 9), "version"),
    ]
    for (path, text) in cases {
      let name = (path as NSString).lastPathComponent
      assertRefused(try tool("mote", ["run", mlp, "--input", path, "--output-dir", temp("out")]), text, "mote run \(name)")
      assertRefused(try tool("mote-benchmark", ["--graph=\(mlp)", "--input_layer_value_files=\(path)"]), "", "bench \(name)")
    }
  }
}
