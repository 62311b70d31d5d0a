import Foundation
import XCTest
@testable import TrainCore

/// Loads the PyTorch oracle fixtures written by tools/oracles/make_traincore_oracle.py.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/traincore")

  static func tensor(_ name: String) throws -> Tensor {
    try NPYArray(contentsOf: directory.appendingPathComponent(name + ".npy").path).tensor
  }

  static func ints(_ name: String) throws -> [Int] {
    try NPYArray(contentsOf: directory.appendingPathComponent(name + ".npy").path).ints
  }

  static func scalars() throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent("scalars.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  /// Largest absolute difference seen by `assertClose` in this process (reported in the test log).
  nonisolated(unsafe) static var maxError: Float = 0

  static func assertClose(_ a: [Float], _ b: [Float], tol: Float = 1e-5, _ what: String,
                          file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): count", file: file, line: line)
    var worst: Float = 0
    for (x, y) in zip(a, b) { worst = max(worst, abs(x - y)) }
    maxError = max(maxError, worst)
    XCTAssertLessThanOrEqual(worst, tol, "\(what): max abs error \(worst)", file: file, line: line)
  }
}
