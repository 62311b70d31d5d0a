import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class DequantizeTests: XCTestCase {
  func testPrepareRejectsFloatInput() {
    ElementwiseModels.assertRejected("dequantize_from_float", .unsupportedType)
  }

  /// IEEE binary16 patterns and their exact values.
  func testHalfToFloat() {
    XCTAssertEqual(Reference.halfToFloat(0x3C00), 1)
    XCTAssertEqual(Reference.halfToFloat(0xBC00), -1)
    XCTAssertEqual(Reference.halfToFloat(0x0000).bitPattern, 0)
    XCTAssertEqual(Reference.halfToFloat(0x8000).bitPattern, 0x8000_0000)          // −0
    XCTAssertEqual(Reference.halfToFloat(0x0001), 0x1p-24)                          // smallest subnormal
    XCTAssertEqual(Reference.halfToFloat(0x03FF), 1023 * 0x1p-24)                   // largest subnormal
    XCTAssertEqual(Reference.halfToFloat(0x0200), 0x1p-15)
    XCTAssertEqual(Reference.halfToFloat(0x8001), -0x1p-24)
    XCTAssertEqual(Reference.halfToFloat(0x0400), 0x1p-14)                          // smallest normal
    XCTAssertEqual(Reference.halfToFloat(0x7BFF), 65504)                            // largest finite
    XCTAssertEqual(Reference.halfToFloat(0x3555), 0.333251953125)
    XCTAssertEqual(Reference.halfToFloat(0x7C00), .infinity)
    XCTAssertEqual(Reference.halfToFloat(0xFC00), -.infinity)
    XCTAssertTrue(Reference.halfToFloat(0x7E00).isNaN)
  }

  /// A DEQUANTIZE of constant float16 weights runs once, in prepare: its output is a constant
  /// (the consumers pack it once) holding the exact conversion of the model's halves, and it takes
  /// no activation memory.
  func testConstantInputIsFoldedInPrepare() throws {
    let fixture = try XCTUnwrap(Fixture.all().first { $0.name == "landmark_tiny" && $0.variant == "float16" })
    let file = try AlignedBytes(contentsOf: fixture.modelPath)
    let usage = try Interpreter.measureArena(model: file.bytes, resolver: .allOps)
    let arena = AlignedBytes(count: usage.total)
    let interpreter = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: .allOps)
    var folded = 0
    for i in 0..<interpreter.operatorCount where interpreter.node(i).code == .dequantize {
      let input = interpreter.tensor(interpreter.node(i).input(0))
      let output = interpreter.tensor(interpreter.node(i).output(0))
      XCTAssertTrue(input.isConstant && output.isConstant, "DEQUANTIZE \(i)")
      let halves = input.pointer(UInt16.self), floats = output.floats
      for j in 0..<input.elementCount {
        XCTAssertEqual(floats[j].bitPattern, Reference.halfToFloat(halves[j]).bitPattern, "DEQUANTIZE \(i) element \(j)")
      }
      folded += 1
    }
    XCTAssertGreaterThan(folded, 0)
  }

  func testInt8() {
    let x: [Int8] = [-128, 0, 127]
    var y = [Float](repeating: 0, count: 3)
    Reference.dequantize(x, &y, count: 3, scale: 0.5, zeroPoint: -2)
    XCTAssertEqual(y, [-63, 1, 64.5])
  }
}
