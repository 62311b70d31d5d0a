@testable import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

final class SoftmaxTests: XCTestCase {
  func testPrepareRejectsOutputZeroPointOtherThanMinus128() {
    ElementwiseModels.assertRejected("softmax_out_zero_point", .fixedOutputQuantization)
  }

  /// LiteRT's int8 reference SOFTMAX aborts when β·s_in·2^26 < 1; Mote computes it. With
  /// s_in = 1e-9 every difference is ~0, so each of 4 outputs is 1/4 = 64/256 → 64 − 128.
  func testTinyInputScaleGivesUniformDistribution() throws {
    let out = try ElementwiseModels.run("softmax_tiny_scale", [NPYArray(
      type: .int8, shape: [2, 4], data: [0, 127, 128, 5, 1, 2, 3, 4].map { UInt8($0) })])
    XCTAssertEqual(out.doubles, [Double](repeating: -64, count: 8))
  }

  /// The table-driven int8 kernel equals the reference kernel (the spec, itself checked against
  /// LiteRT by the softmax fixtures) for many input scales, β and rows, including rows that are
  /// constant, have a single large value, or span the whole int8 range.
  func testTableKernelMatchesReference() {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
    var exps = [Int32](repeating: 0, count: 256)
    for round in 0..<300 {
      let scale = Double(next() % 10_000 + 1) / 10_000 * [1e-3, 1e-2, 0.1, 1, 4][round % 5]
      let beta = [1.0, 0.5, 2.0][round % 3]
      let real = min(beta * scale * Double(1 << 26), Double(Int32.max))
      let m = QuantizedMultiplier(real)
      let radius = (31.0 * Double(1 << 26) / Double(sign: .plus, exponent: Int(m.shift), significand: 1)).rounded(.down)
      let diffMin: Int32 = radius >= 2_147_483_647 ? Int32.min + 1 : -Int32(radius)
      let depth = [1, 2, 10, 1000][round % 4]
      var x = (0..<depth).map { _ in Int8(truncatingIfNeeded: next()) }
      if round % 7 == 0 { x = [Int8](repeating: Int8(truncatingIfNeeded: next()), count: depth) }
      if round % 11 == 0 { x[0] = 127; if depth > 1 { x[depth - 1] = -128 } }
      var want = [Int8](repeating: 0, count: depth), got = want
      exps.withUnsafeMutableBufferPointer { Softmax.fillExps($0.baseAddress!, inputMultiplier: m, diffMin: diffMin) }
      Reference.softmaxInt8(x, &want, outer: 1, depth: depth, inputMultiplier: m, diffMin: diffMin)
      Softmax.int8(x, &got, outer: 1, depth: depth, exps: exps)
      XCTAssertEqual(got, want, "round \(round) scale \(scale) β \(beta) depth \(depth)")
    }
  }
}
