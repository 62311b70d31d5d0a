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

  /// Measuring is one pass over a work buffer of `planningBytes` that writes nothing past it, and it
  /// finds the same plan as an open on a roomy arena. An open on any arena between the records and
  /// the exact size fails with that exact size (prepare goes on reserving once it stops writing);
  /// below the records, with the records' size.
  func testMeasuringWritesOnlyTheRecordsAndFindsTheExactSize() throws {
    for f in try runnableFixtures() {
      let file = try AlignedBytes(contentsOf: f.modelPath)
      let planning = try Interpreter.planningBytes(model: file.bytes, resolver: .allOps)
      let sentinel = 4096
      let memory = AlignedBytes(count: planning + sentinel)
      let tail = memory.buffer.baseAddress! + planning
      tail.initializeMemory(as: UInt8.self, repeating: 0xA5, count: sentinel)
      let work = UnsafeMutableRawBufferPointer(start: memory.buffer.baseAddress, count: planning)
      let measured = try Interpreter.requiredArena(model: file.bytes, work: work, resolver: .allOps)
      let untouched = (0..<sentinel).allSatisfy { tail.load(fromByteOffset: $0, as: UInt8.self) == 0xA5 }
      XCTAssertTrue(untouched, "\(f.name)/\(f.variant): measuring wrote past its work buffer")
      let roomy = AlignedBytes(count: measured.total + (1 << 16))
      XCTAssertEqual(try Interpreter(model: file.bytes, arena: roomy.buffer, resolver: .allOps).arenaUsage, measured,
                     "\(f.name)/\(f.variant)")
      XCTAssertGreaterThanOrEqual(measured.total, planning)
      for size in [planning, (planning + measured.total) / 2, measured.total - 1] where size < measured.total {
        let arena = UnsafeMutableRawBufferPointer(start: roomy.buffer.baseAddress, count: size)
        do throws(MicroError) {
          _ = try Interpreter(model: file.bytes, arena: arena, resolver: .allOps)
          XCTFail("\(f.name)/\(f.variant): arena of \(size) bytes accepted")
        } catch {
          XCTAssertEqual(error.kind, .arenaTooSmall)
          XCTAssertEqual(error.expected, Int64(measured.total), "\(f.name)/\(f.variant) at \(size) bytes")
        }
      }
      let tiny = UnsafeMutableRawBufferPointer(start: roomy.buffer.baseAddress, count: planning - 1)
      do throws(MicroError) {
        _ = try Interpreter.requiredArena(model: file.bytes, work: tiny, resolver: .allOps)
        XCTFail("\(f.name)/\(f.variant): work of \(planning - 1) bytes accepted")
      } catch {
        XCTAssertEqual(error.kind, .arenaTooSmall)
        XCTAssertEqual(error.expected, Int64(planning))
      }
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
