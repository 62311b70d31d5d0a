@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class S8MeanTests: XCTestCase {
  func testSpatialSumsMatchReferenceReduction() {
    var rng = S8TestRandom(7)
    for (b, h, w, c) in [(1, 7, 7, 16), (2, 3, 5, 9), (1, 1, 1, 1), (1, 12, 12, 33)] {
      let x = rng.int8s(b * h * w * c)
      var inDims = IndexVector(count: 4), outStrides = IndexVector(count: 4)
      inDims.values[0] = b; inDims.values[1] = h; inDims.values[2] = w; inDims.values[3] = c
      outStrides.values[0] = c; outStrides.values[3] = 1
      var expected = [Int32](repeating: 0, count: b * c), got = [Int32](repeating: 7, count: b * c)
      Reference.reduceSum(input: x, inDims: inDims, outStrides: outStrides, sums: &expected, outputCount: b * c)
      s8SpatialSums(x, batches: b, pixels: h * w, channels: c, sums: &got)
      XCTAssertEqual(got, expected, "\(b)x\(h)x\(w)x\(c)")
    }
  }
}
