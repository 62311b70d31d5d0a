import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

// Shared by the elementwise kernel tests: models written by tools/fixtures/k_elem_fixtures.py
// that prepare must refuse (elem_reject) or whose outputs are derived by hand (elem_handmade).
enum ElementwiseModels {
  /// The error MicroRuntime reports while loading `elem_reject/<name>.tflite`, or nil if it loads.
  static func prepareError(_ name: String) -> MicroError? {
    let path = Fixture.root.appendingPathComponent("elem_reject/\(name).tflite").path
    do {
      let file = try AlignedBytes(contentsOf: path)
      let usage = try Interpreter.measureArena(model: file.bytes, resolver: .allOps)
      let arena = AlignedBytes(count: usage.total)
      _ = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: .allOps)
      return nil
    } catch let e as MicroError {
      return e
    } catch {
      XCTFail("\(name): unexpected error \(error)")
      return nil
    }
  }

  /// Runs `elem_handmade/<name>.tflite` on `inputs` and returns its first output.
  static func run(_ name: String, _ inputs: [NPYArray]) throws -> NPYArray {
    try runModel(path: Fixture.root.appendingPathComponent("elem_handmade/\(name).tflite").path, inputs: inputs)[0]
  }

  /// An int8 array.
  static func int8(_ v: [Int8]) -> NPYArray {
    NPYArray(type: .int8, shape: [v.count], data: v.map { UInt8(bitPattern: $0) })
  }

  /// Asserts that loading `name` fails in prepare with `kind` at operator 0.
  static func assertRejected(_ name: String, _ kind: MicroErrorKind, file: StaticString = #filePath, line: UInt = #line) {
    guard let e = prepareError(name) else { return XCTFail("\(name) was accepted", file: file, line: line) }
    XCTAssertEqual(e.kind, kind, "\(name): \(e)", file: file, line: line)
    XCTAssertEqual(e.op, 0, "\(name)", file: file, line: line)
  }
}

final class AddTests: XCTestCase {
  func testPrepareRejectsShapesThatDoNotBroadcast() {
    ElementwiseModels.assertRejected("add_not_broadcastable", .broadcastIncompatible)   // [2,3] + [2,4]
  }

  func testPrepareRejectsAnOutputThatIsNotTheBroadcastShape() {
    ElementwiseModels.assertRejected("add_wrong_output_shape", .shapeMismatch)          // [2,3] + [3] → [3,2]
  }

  func testPrepareRejectsRankAboveSix() {
    ElementwiseModels.assertRejected("add_rank7", .rankMismatch)
  }

  func testPrepareRejectsMixedTypes() {
    ElementwiseModels.assertRejected("add_mixed_types", .typeMismatch)                  // float32 + int8
  }

  func testPrepareRejectsInt8WithoutQuantization() {
    ElementwiseModels.assertRejected("add_int8_no_quantization", .missingQuantization)
  }

  func testPrepareRejectsZeroPointOutsideInt8() {
    ElementwiseModels.assertRejected("add_int8_zero_point_range", .invalidQuantization) // zero point 200
  }

  func testPrepareRejectsNonClampActivation() {
    ElementwiseModels.assertRejected("add_tanh_activation", .invalidOption)
  }
}

/// A stand-in RESHAPE (a byte copy) so that the TF-made `*_bcast_rank` fixtures, whose graphs put
/// a RESHAPE in front of the binary op, run before the real kernel lands from its own branch.
private enum CopyReshape: Kernel {
  static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> Int {
    let input = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    try check(input.byteSize == output.byteSize, .shapeMismatch, node, output)
    return input.byteSize
  }

  static func eval(_ node: Node, _ bytes: Int, _ ctx: EvalContext) throws(MicroError) {
    ctx.output(node, 0).data?.copyMemory(from: ctx.input(node, 0).data!, byteCount: bytes)
  }

  static var registration: Registration {
    registration(.reshape, versions: 1...1, prepare: { CopyReshape.prepareEntry($0, $1, $2) },
                 eval: { CopyReshape.evalEntry($0, $1, $2) })
  }
}

final class BroadcastRankFixtureTests: XCTestCase {
  /// add/sub/mul/div/maximum/minimum `_bcast_rank` (float and int8) against LiteRT.
  func testBroadcastRankFixtures() throws {
    var resolver = OpResolver.allOps
    if !resolver.supports(.reshape) { resolver.add(CopyReshape.registration) }
    var ran = 0
    for f in Fixture.all() where f.name.hasSuffix("_bcast_rank") {
      let got = try runModel(path: f.modelPath, inputs: try f.inputs, resolver: resolver)
      XCTAssertNil(compare(got, try f.expectedOutputs, tolerance: 1e-5), "\(f.name)/\(f.variant)")
      ran += 1
    }
    XCTAssertEqual(ran, 12)
  }
}
