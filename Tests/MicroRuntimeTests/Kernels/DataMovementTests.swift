import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// Helpers for the data-movement kernel tests: fixture models (written by TensorFlow's converter)
/// with one constant tensor patched, so prepare's rejections run on real model bytes.
enum PatchedFixture {
  static func directory(_ name: String, _ variant: String) -> URL {
    Fixture.root.appendingPathComponent(name).appendingPathComponent(variant)
  }

  /// The fixture's inputs.
  static func inputs(_ name: String, variant: String = "float") throws -> [NPYArray] {
    try Fixture(name: name, variant: variant, directory: directory(name, variant)).inputs
  }

  /// Writes fixture `name`'s model with the one occurrence of the little-endian int32 values `old`
  /// replaced by `new` to a temporary file; returns its path.
  static func model(_ name: String, variant: String = "float", replacing old: [Int32], with new: [Int32]) throws -> String {
    precondition(old.count == new.count)
    var bytes = [UInt8](try Data(contentsOf: directory(name, variant).appendingPathComponent("model.tflite")))
    let pattern = old.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    let replacement = new.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    var hits: [Int] = []
    var i = 0
    while i + pattern.count <= bytes.count {
      if bytes[i..<(i + pattern.count)].elementsEqual(pattern) { hits.append(i) }
      i += 4
    }
    guard hits.count == 1 else { throw ToolError("\(name): pattern \(old) found \(hits.count) times") }
    bytes.replaceSubrange(hits[0]..<(hits[0] + pattern.count), with: replacement)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("k-shape-\(name)-\(UUID().uuidString).tflite")
    try Data(bytes).write(to: url)
    return url.path
  }
}

extension PatchedFixture {
  /// Writes fixture `name`'s model with constant tensor `tensor`'s int32 data replaced by
  /// `values` to a temporary file; returns its path.
  static func model(_ name: String, variant: String = "float", tensor: Int, values: [Int32]) throws -> String {
    var bytes = [UInt8](try Data(contentsOf: directory(name, variant).appendingPathComponent("model.tflite")))
    let offset: Int = try bytes.withUnsafeBytes { raw in
      let m = try VerifiedModel(bytes: raw).model
      let data = m.buffers[Int(m.subgraphs[0].tensors[tensor].buffer)].data
      guard data.count == 4 * values.count else { throw ToolError("\(name): tensor \(tensor) has \(data.count) bytes") }
      return data.baseAddress - raw.baseAddress!
    }
    let replacement = values.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    bytes.replaceSubrange(offset..<(offset + replacement.count), with: replacement)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("k-shape-\(name)-\(UUID().uuidString).tflite")
    try Data(bytes).write(to: url)
    return url.path
  }
}

/// Asserts that `body` throws a MicroError of `kind`.
func assertMicroError(_ kind: MicroErrorKind, file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws -> Void) {
  do {
    try body()
    XCTFail("expected \(kind), nothing thrown", file: file, line: line)
  } catch let e as MicroError {
    XCTAssertEqual(e.kind, kind, "got \(e)", file: file, line: line)
  } catch {
    XCTFail("expected \(kind), got \(error)", file: file, line: line)
  }
}

/// The shared data-movement loops, against hand-worked values.
final class DataMovementTests: XCTestCase {
  func testStridedCopyTransposes2x3() {
    // [[0 1 2] [3 4 5]] transposed is [[0 3] [1 4] [2 5]]: output dims [3, 2], input strides (1, 3).
    let input: [Int32] = [0, 1, 2, 3, 4, 5]
    var output = [Int32](repeating: -1, count: 6)
    var dims = IndexVector(count: 2); dims[0] = 3; dims[1] = 2
    var strides = IndexVector(count: 2); strides[0] = 1; strides[1] = 3
    input.withUnsafeBufferPointer { i in
      output.withUnsafeMutableBufferPointer { o in
        Reference.stridedCopy(input: i.baseAddress!, start: 0, strides: strides, outDims: dims, output: o.baseAddress!)
      }
    }
    XCTAssertEqual(output, [0, 3, 1, 4, 2, 5])
  }

  func testStridedCopyNegativeStride() {
    // x[5:0:-2] of 0...5 is [5, 3, 1].
    let input: [Int8] = [0, 1, 2, 3, 4, 5]
    var output = [Int8](repeating: -1, count: 3)
    var dims = IndexVector(count: 1); dims[0] = 3
    var strides = IndexVector(count: 1); strides[0] = -2
    input.withUnsafeBytes { i in
      output.withUnsafeMutableBytes { o in
        Reference.stridedCopy(elementSize: 1, input: i.baseAddress!, start: 5, strides: strides, outDims: dims,
                              output: o.baseAddress!)
      }
    }
    XCTAssertEqual(output, [5, 3, 1])
  }

  func testCopyRowsInterleaves() {
    // Two rows of 2 bytes into rows of 4 bytes at offset 1: the concatenation of [2] blocks.
    let src: [UInt8] = [1, 2, 3, 4]
    var dst = [UInt8](repeating: 0, count: 8)
    src.withUnsafeBytes { s in
      dst.withUnsafeMutableBytes { d in
        Reference.copyRows(src: s.baseAddress!, srcRowBytes: 2, dst: d.baseAddress! + 1, dstRowBytes: 4, blockBytes: 2, outer: 2)
      }
    }
    XCTAssertEqual(dst, [0, 1, 2, 0, 0, 3, 4, 0])
  }
}
