@testable import MicroRuntime
#if canImport(MicroKernelsAvx512)
import MicroKernelsAvx512
#endif
import MoteTestSupport
import XCTest

final class S8AddTests: XCTestCase {
  func testMatchesReferenceOnEveryInputPair() {
    var rng = S8TestRandom(5)
    // Every (a, b) byte pair, under several random scale/zero-point/activation settings.
    var a = [Int8](), b = [Int8]()
    for x in -128...127 { for y in -128...127 { a.append(Int8(x)); b.append(Int8(y)) } }
    let count = a.count
    var layout = BroadcastLayout(rank: 1, shape: .init(repeating: 1), strideA: .init(repeating: 0),
                                 strideB: .init(repeating: 0), count: count)
    layout.shape[0] = count
    layout.strideA[0] = 1
    layout.strideB[0] = 1
    for _ in 0..<20 {
      let sa = rng.unit() * 0.2 + 1e-3, sb = rng.unit() * 0.2 + 1e-3, so = rng.unit() * 0.3 + 1e-3
      var p = BinaryQuantParams()
      p.offsetA = -Int32(rng.int(-128...127))
      p.offsetB = -Int32(rng.int(-128...127))
      p.outputOffset = Int32(rng.int(-128...127))
      p.leftShift = 20
      let twiceMax = 2 * max(sa, sb)
      p.multiplierA = QuantizedMultiplier(sa / twiceMax)
      p.multiplierB = QuantizedMultiplier(sb / twiceMax)
      p.multiplierOut = QuantizedMultiplier(twiceMax / (Double(1 << 20) * so))
      if rng.int(0...1) == 1 { p.clamp = QuantizedClamp(low: Int32(rng.int(-128...0)), high: Int32(rng.int(0...127))) }
      var expected = [Int8](repeating: 0, count: count), got = [Int8](repeating: 0, count: count)
      var tables = [Int32](repeating: 0, count: 512)
      Reference.addSubInt8(a: a, b: b, output: &expected, layout: layout, params: p, subtract: false)
      tables.withUnsafeMutableBufferPointer { t in
        let plan = S8AddPlan(tables: t.baseAddress!, params: p)
        plan.fill(p)
        plan.run(a: a, b: b, output: &got, count: count)
      }
      XCTAssertEqual(got, expected, "scales \(sa) \(sb) \(so)")
      #if canImport(MicroKernelsAvx512)
      // The computed (not tabulated) AVX-512 path, over a count that leaves a partial vector.
      if S8Avx512.isUsable {
        let n = count - 5
        var wide = [Int8](repeating: 0, count: n)
        let parameters = UnsafeMutableRawPointer.allocate(byteCount: S8Avx512.addBytes, alignment: 64)
        defer { parameters.deallocate() }
        tables.withUnsafeMutableBufferPointer { t in
          var plan = S8AddPlan(tables: t.baseAddress!, params: p)
          plan.useAvx512(parameters, p)
          plan.run(a: a, b: b, output: &wide, count: n)
        }
        XCTAssertEqual(wide, Array(expected[0..<n]), "s8AddAvx512, scales \(sa) \(sb) \(so)")
      }
      #endif
    }
  }
}
