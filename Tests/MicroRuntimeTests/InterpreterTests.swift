import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class InterpreterTests: XCTestCase {
  /// Fixtures that open (FixtureTests checks that this is all of them).
  func runnableFixtures() throws -> [Fixture] {
    try Fixture.all().filter { f in
      let file = try AlignedBytes(contentsOf: f.modelPath)
      return (try? Interpreter.measureArena(model: file.bytes, resolver: .allOps)) != nil
    }
  }

  /// The reported arena is exact: that many bytes work, one byte less is refused with the need.
  func testArenaSizeIsExact() throws {
    let fixtures = try runnableFixtures()
    XCTAssertFalse(fixtures.isEmpty)
    for f in fixtures {
      let file = try AlignedBytes(contentsOf: f.modelPath)
      let need = try Interpreter.measureArena(model: file.bytes, resolver: .allOps).total
      let exact = AlignedBytes(count: need)
      XCTAssertNoThrow(try Interpreter(model: file.bytes, arena: exact.buffer, resolver: .allOps), f.name)
      let short = AlignedBytes(count: need - 1)
      let smaller = UnsafeMutableRawBufferPointer(start: short.buffer.baseAddress, count: need - 1)
      do throws(MicroError) {
        _ = try Interpreter(model: file.bytes, arena: smaller, resolver: .allOps)
        XCTFail("\(f.name)/\(f.variant): arena of \(need - 1) bytes accepted")
      } catch {
        XCTAssertEqual(error.kind, .arenaTooSmall)
        XCTAssertEqual(error.expected, Int64(need), "\(f.name)/\(f.variant)")
      }
      // The report of mote inspect is the same number.
      let report = try ModelReport(path: f.modelPath)
      guard case .object(let fields) = report.json, case .object(let arena)? = fields.first(where: { $0.0 == "arena" })?.1,
            case .int(let total)? = arena.first(where: { $0.0 == "total_bytes" })?.1 else {
        XCTFail("no arena in report")
        continue
      }
      XCTAssertEqual(Int(total), need)
    }
  }

  func testMisalignedArenaIsRefused() throws {
    let f = Fixture.all().first { $0.name == "mlp" && $0.variant == "float" }!
    let file = try AlignedBytes(contentsOf: f.modelPath)
    let big = AlignedBytes(count: 1 << 20)
    let shifted = UnsafeMutableRawBufferPointer(start: big.buffer.baseAddress! + 4, count: (1 << 20) - 4)
    do throws(MicroError) {
      _ = try Interpreter(model: file.bytes, arena: shifted, resolver: .allOps)
      XCTFail("misaligned arena accepted")
    } catch {
      XCTAssertEqual(error.kind, .arenaMisaligned)
    }
  }

  func testUnsupportedOperatorIsNamedAtOpen() throws {
    let f = Fixture.all().first { $0.name == "mlp" && $0.variant == "float" }!
    let file = try AlignedBytes(contentsOf: f.modelPath)
    let arena = AlignedBytes(count: 1 << 20)
    do throws(MicroError) {
      _ = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: OpResolver())
      XCTFail("empty resolver accepted a model")
    } catch {
      XCTAssertEqual(error.kind, .unsupportedOperator)
      XCTAssertEqual(error.op, 0)
      XCTAssertEqual(error.expected, Int64(TFLite.BuiltinOperator.fullyConnected.rawValue))
      XCTAssertTrue(error.text.contains("FULLY_CONNECTED"), error.text)
    }
  }

  func testSignatureNamesFindInputsAndOutputs() throws {
    let runner = try ModelRunner(path: Fixture.all().first { $0.name == "mlp" && $0.variant == "float" }!.modelPath)
    let name = Array("input_0".utf8)
    let i = try name.withUnsafeBytes { b throws(MicroError) in try runner.interpreter.inputIndex(name: b.baseAddress!, length: b.count) }
    XCTAssertEqual(i, 0)
    let out = Array("output_0".utf8)
    let o = try out.withUnsafeBytes { b throws(MicroError) in try runner.interpreter.outputIndex(name: b.baseAddress!, length: b.count) }
    XCTAssertEqual(o, 0)
    let bad = Array("nope".utf8)
    XCTAssertThrowsError(try bad.withUnsafeBytes { b throws(MicroError) in try runner.interpreter.inputIndex(name: b.baseAddress!, length: b.count) })
  }
}
