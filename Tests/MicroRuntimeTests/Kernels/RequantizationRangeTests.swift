import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// Every int8 operator that requantizes refuses, in prepare, a multiplier its int32 arithmetic
/// cannot apply (an exponent above 30; a shift of 32 or more used to be taken mod 32: ADD gave all
/// zeros, RELU unscaled values), with the one shared check `requantization` (Kernels/Checks.swift).
/// And int8 MEAN refuses reductions whose int32 sums could overflow.
final class RequantizationRangeTests: XCTestCase {
  /// Fixture `name`'s int8 model with every occurrence of the float32 `old` replaced by `new`.
  func patched(_ name: String, _ old: Float, _ new: Float) throws -> String {
    var bytes = [UInt8](try Data(contentsOf: Fixture.root.appendingPathComponent("\(name)/int8/model.tflite")))
    let pattern = withUnsafeBytes(of: old.bitPattern.littleEndian) { Array($0) }
    let replacement = withUnsafeBytes(of: new.bitPattern.littleEndian) { Array($0) }
    var hits = 0
    var i = 0
    while i + 4 <= bytes.count {
      if bytes[i..<(i + 4)].elementsEqual(pattern) {
        bytes.replaceSubrange(i..<(i + 4), with: replacement)
        hits += 1
      }
      i += 4
    }
    XCTAssertEqual(hits, 1, "\(name): output scale found \(hits) times")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("requant-\(name)-\(UUID().uuidString).tflite")
    try Data(bytes).write(to: url)
    return url.path
  }

  func outputScale(_ name: String) throws -> Float {
    let f = Fixture(name: name, variant: "int8", directory: Fixture.root.appendingPathComponent("\(name)/int8"))
    let view = try f.litertView()
    let outputs = try XCTUnwrap(view["outputs"] as? [[String: Any]])
    let q = try XCTUnwrap(outputs[0]["quantization_parameters"] as? [String: Any])
    let scales = try XCTUnwrap(q["scales"] as? [Double])
    return Float(try XCTUnwrap(scales.first))
  }

  func testMultipliersAboveTwoToTheThirtyAreRefused() throws {
    for name in ["add_same", "sub_relu", "mul_same", "div_same", "relu", "leaky_relu", "prelu_full"] {
      let scale = try outputScale(name)
      let fixture = Fixture(name: name, variant: "int8", directory: Fixture.root.appendingPathComponent("\(name)/int8"))
      // The fixture runs as it is ...
      XCTAssertNoThrow(try runModel(path: fixture.modelPath, inputs: try fixture.inputs), name)
      // ... and with an output scale 2^60 times smaller every multiplier onto it exceeds 2^30 (ADD's
      // output multiplier carries a 2^-20 and MUL's the product of two scales, hence so large a factor).
      let path = try patched(name, scale, scale / 0x1p60)
      defer { try? FileManager.default.removeItem(atPath: path) }
      do {
        _ = try runModel(path: path, inputs: try fixture.inputs)
        XCTFail("\(name): ran with an out-of-range multiplier")
      } catch let e as MicroError {
        XCTAssertEqual(e.kind, .multiplierOutOfRange, "\(name): \(e)")
      }
    }
  }

  func testInt8MeanRefusesSumsThatCouldOverflow() throws {
    // mean_hw_keep: [1, 4, 5, 6] → [1, 1, 1, 6]. With the input [1, 4096, 4096, 6] each output
    // averages 16,777,216 values: 128 · that overflows the int32 sums, so prepare refuses it (before
    // any arena is planned), where 2048 × 2048 (4,194,304 values) is still accepted by MEAN.
    let big = try PatchedFixture.model("mean_hw_keep", variant: "int8", replacing: [1, 4, 5, 6], with: [1, 4096, 4096, 6])
    defer { try? FileManager.default.removeItem(atPath: big) }
    assertMicroError(.tensorTooLarge) { _ = try Interpreter.measureArena(model: try bytes(big), resolver: .allOps) }
    let fits = try PatchedFixture.model("mean_hw_keep", variant: "int8", replacing: [1, 4, 5, 6], with: [1, 2048, 2048, 6])
    defer { try? FileManager.default.removeItem(atPath: fits) }
    XCTAssertGreaterThan(try Interpreter.measureArena(model: try bytes(fits), resolver: .allOps).total, 2048 * 2048 * 6)
  }

  /// A model file's bytes, 16-byte aligned, kept alive for the test.
  func bytes(_ path: String) throws -> UnsafeRawBufferPointer {
    let file = try AlignedBytes(contentsOf: path)
    keep.append(file)
    return file.bytes
  }
  var keep: [AlignedBytes] = []
}
