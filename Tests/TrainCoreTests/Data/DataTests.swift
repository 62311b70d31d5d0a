import Foundation
import NumPyFile
import XCTest
@testable import TrainCore

final class DataTests: XCTestCase {
  var tmp: URL!
  override func setUp() {
    tmp = FileManager.default.temporaryDirectory.appendingPathComponent("traincore-data-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
  }
  override func tearDown() { try? FileManager.default.removeItem(at: tmp) }

  func testNPYReadsNumPyFiles() throws {
    let i32 = try NPYArray(contentsOf: Fixtures.directory.appendingPathComponent("npy_int32.npy").path)
    XCTAssertEqual(i32.dtype, .int32)
    XCTAssertEqual(i32.shape, [2, 3])
    XCTAssertEqual(i32.ints, [1, -2, 3, 4, 5, -6])
    let u8 = try NPYArray(contentsOf: Fixtures.directory.appendingPathComponent("npy_uint8.npy").path)
    XCTAssertEqual(u8.ints, [0, 7, 255])
    XCTAssertEqual(u8.floats, [0, 7, 255])
    let s = try NPYArray(contentsOf: Fixtures.directory.appendingPathComponent("npy_scalar_f4.npy").path)
    XCTAssertEqual(s.shape, [])
    XCTAssertEqual(s.floats, [2.5])
    XCTAssertEqual(try Fixtures.ints("mlp_y"), [0, 2, 1, 2])   // int64
  }

  func testNPYRoundTrip() throws {
    let bytes = NPYArray.encode(float32: [1, -2.5, 3], shape: [3, 1])
    XCTAssertEqual((bytes.count - 3 * 4) % 64, 0, "header padded to 64 bytes")
    let a = try NPYArray(bytes: bytes)
    XCTAssertEqual(a.shape, [3, 1])
    XCTAssertEqual(a.floats, [1, -2.5, 3])
  }

  func npy(header: String, payload: [UInt8] = [], version: UInt8 = 1) -> [UInt8] {
    let h = Array(header.utf8)
    return [0x93] + Array("NUMPY".utf8) + [version, 0, UInt8(h.count & 0xff), UInt8(h.count >> 8)] + h + payload
  }

  func testNPYErrors() {
    func expect(_ bytes: [UInt8], _ error: NPYError, line: UInt = #line) {
      XCTAssertThrowsError(try NPYArray(bytes: bytes), line: line) { XCTAssertEqual($0 as? NPYError, error, line: line) }
    }
    expect(Array("hello world".utf8), .badMagic)
    expect(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", version: 9), .unsupportedVersion(major: 9, minor: 0))
    expect(npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", payload: [UInt8](repeating: 0, count: 8)),
           .unsupportedDType("<f8"))
    expect(npy(header: "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", payload: [0, 0, 0, 0]), .fortranOrder)
    expect(npy(header: "{'descr': '<f4', 'fortran_order': False, }"), .badHeader(reason: "missing 'shape'"))
    expect(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }"), .badHeader(reason: "'x' at byte 54 where a shape dimension (a decimal integer) should be"))
    expect(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", payload: [0, 0, 0, 0]),
           .sizeMismatch(expectedBytes: 8, foundBytes: 4))
    var truncated = npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }")
    truncated[8] = 200
    expect(truncated, .badHeader(reason: "header runs past end of file"))
    XCTAssertThrowsError(try NPYArray(contentsOf: tmp.appendingPathComponent("missing.npy").path)) {
      XCTAssertEqual($0 as? NPYError, .unreadable(path: tmp.appendingPathComponent("missing.npy").path, reason: "no such file"))
    }
  }

  func testCSV() throws {
    let t = try CSVTable(text: "a,b\n1,2\r\n\n3.5, -4\n", hasHeader: true)
    XCTAssertEqual(t.header, ["a", "b"])
    XCTAssertEqual(t.rows, [[1, 2], [3.5, -4]])
    XCTAssertThrowsError(try CSVTable(text: "1,2\n3,x\n")) { XCTAssertEqual($0 as? CSVError, .badValue(line: 2, column: 2, text: "x")) }
    XCTAssertThrowsError(try CSVTable(text: "1,2\n3\n")) { XCTAssertEqual($0 as? CSVError, .ragged(line: 2, expected: 2, found: 1)) }
    XCTAssertThrowsError(try CSVTable(text: "\n")) { XCTAssertEqual($0 as? CSVError, .empty) }
    XCTAssertThrowsError(try CSVTable(contentsOf: "/nonexistent/x.csv")) {
      XCTAssertEqual($0 as? CSVError, .unreadable(path: "/nonexistent/x.csv", reason: "no such file"))
    }
  }

  static let digitsPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/data/digits.csv").path

  func testDigitsLoadAndSplit() throws {
    let all = try Digits.load(csvPath: Self.digitsPath)
    XCTAssertEqual(all.inputs.shape, [1797, 64])
    XCTAssertEqual(all.inputs.data[2], 5.0 / 16)       // first row starts 0,0,5,13
    XCTAssertEqual(all.labels[0], 0)
    XCTAssertEqual(all.labels[1], 1)
    XCTAssertEqual(all.inputs.data.max(), 1)
    let (train, test) = Digits.split(all)
    XCTAssertEqual(train.count, 1437)
    XCTAssertEqual(test.count, 360)
    XCTAssertEqual(Set(0..<10), Set(test.labels))
    let again = Digits.split(all)
    XCTAssertEqual(again.test.labels, test.labels, "the split is fixed")
    XCTAssertEqual(test.reshaped(sampleShape: [8, 8, 1]).inputs.shape, [360, 8, 8, 1])
  }

  func testDigitsBadRows() throws {
    let bad = tmp.appendingPathComponent("bad.csv").path
    try "1,2,3\n".write(toFile: bad, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try Digits.load(csvPath: bad)) {
      XCTAssertEqual($0 as? DigitsError, .badRow(line: 1, reason: "3 fields, expected 65"))
    }
    XCTAssertThrowsError(try Digits.load(csvPath: tmp.appendingPathComponent("none.csv").path)) {
      guard case .csv(.unreadable)? = $0 as? DigitsError else { return XCTFail("\($0)") }
    }
  }

  func testDataLoader() {
    let ds = TensorDataset(inputs: Tensor(shape: [10, 1], data: (0..<10).map(Float.init)), labels: Array(0..<10))
    let loader = DataLoader(ds, batchSize: 4, seed: 7)
    XCTAssertEqual(loader.batchCount, 3)
    let e0 = Array(loader.batches(epoch: 0))
    XCTAssertEqual(e0.map(\.labels.count), [4, 4, 2])
    XCTAssertEqual(Set(e0.flatMap(\.labels)), Set(0..<10))
    XCTAssertEqual(e0[0].inputs.data, e0[0].labels.map(Float.init), "inputs and labels stay paired")
    XCTAssertEqual(Array(loader.batches(epoch: 0)).flatMap(\.labels), e0.flatMap(\.labels), "same seed, same order")
    XCTAssertNotEqual(loader.order(epoch: 1), loader.order(epoch: 0), "epochs reshuffle")
    XCTAssertNotEqual(DataLoader(ds, batchSize: 4, seed: 8).order(epoch: 0), loader.order(epoch: 0))
    XCTAssertEqual(DataLoader(ds, batchSize: 4, shuffle: false, dropLast: true).batches(epoch: 0).map(\.labels),
                   [[0, 1, 2, 3], [4, 5, 6, 7]])
  }

  func testDatasetsFromFiles() throws {
    let csv = tmp.appendingPathComponent("d.csv").path
    try "f1,label,f2\n1,0,2\n3,2,4\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let d = try TensorDataset.csv(path: csv, labelColumn: 1, hasHeader: true, scale: 0.5)
    XCTAssertEqual(d.inputs.shape, [2, 2])
    XCTAssertEqual(d.inputs.data, [0.5, 1, 1.5, 2])
    XCTAssertEqual(d.labels, [0, 2])
    try "1,0.5\n".write(toFile: csv, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try TensorDataset.csv(path: csv)) { XCTAssertEqual($0 as? DatasetError, .badLabel(row: 1, value: 0.5)) }

    let x = Fixtures.directory.appendingPathComponent("mlp_x.npy").path
    let y = Fixtures.directory.appendingPathComponent("mlp_y.npy").path
    let n = try TensorDataset.npy(inputs: x, labels: y)
    XCTAssertEqual(n.inputs.shape, [4, 6])
    XCTAssertEqual(n.labels, [0, 2, 1, 2])
    XCTAssertThrowsError(try TensorDataset.npy(inputs: x, labels: Fixtures.directory.appendingPathComponent("npy_uint8.npy").path)) {
      XCTAssertEqual($0 as? DatasetError, .countMismatch(inputs: 4, labels: 3))
    }
    XCTAssertThrowsError(try TensorDataset.npy(inputs: csv, labels: y)) { XCTAssertEqual($0 as? DatasetError, .npy(.badMagic)) }
  }

  func testXoshiroReferenceValues() {
    // SplitMix64 reference values for seed 1234567 (checked against a Python transcription of Vigna's C code).
    var sm = SplitMix64(seed: 1_234_567)
    XCTAssertEqual(sm.next(), 6_457_827_717_110_365_317)
    XCTAssertEqual(sm.next(), 3_203_168_211_198_807_973)
  }
}
