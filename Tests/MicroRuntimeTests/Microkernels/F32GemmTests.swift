@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// Every float GEMM variant in the catalog against the reference, on edge and model-like shapes.
final class F32GemmTests: XCTestCase {
  func testCatalogListsScalarPortableAndPlatformVariants() {
    var names: [String] = []
    MicrokernelCatalog.forEachF32Gemm { names.append("\($0.name)") }
    XCTAssertTrue(names.contains("f32GemmTile1x16Scalar"))
    XCTAssertTrue(names.contains("f32GemmTile6x16Simd"))
    XCTAssertTrue(names.contains("\(MicrokernelCatalog.f32Gemm.name)"))
    XCTAssertTrue(names.contains("\(MicrokernelCatalog.f32Gemv.name)"))
    XCTAssertEqual(Set(names).count, names.count)
  }

  func testEveryVariantOnManyShapes() {
    var t = MicrokernelTester()
    MicrokernelCatalog.forEachF32Gemm { v in
      for m in [1, 2, 5, 6, 7, 13] {
        for n in [1, 7, 8, 9, 16, 17, 33] {
          for k in [1, 3, 4, 5, 16, 27] {
            t.checkF32Gemm(v, m: m, n: n, k: k, bias: (m + n + k) % 3 != 0)
          }
        }
      }
      t.checkF32Gemm(v, m: 49, n: 96, k: 320)
      t.checkF32Gemm(v, m: 1, n: 1001, k: 1280)
    }
  }

  func testEveryVariantClamps() {
    var t = MicrokernelTester()
    MicrokernelCatalog.forEachF32Gemm { v in
      for clamp in [FloatClamp(low: 0, high: .infinity), FloatClamp(low: 0, high: 6), FloatClamp(low: -1, high: 1)] {
        t.checkF32Gemm(v, m: 7, n: 19, k: 9, clamp: clamp)
      }
    }
  }

  func testColumnBlocksLargerThanOneCacheBlock() {
    // 16 · (k + 1) floats per block: k = 4000 makes the driver split the columns.
    var t = MicrokernelTester()
    t.checkF32Gemm(MicrokernelCatalog.f32Gemm, m: 8, n: 80, k: 4000)
  }

  func testConvolutionThroughIndirectGemm() {
    var t = MicrokernelTester()
    typealias G = MicrokernelTester
    let shapes: [(WindowGeometry, Int, Int)] = [
      (G.geometry(inputHeight: 9, inputWidth: 9, filterHeight: 3, filterWidth: 3, stride: (2, 2)), 3, 16),
      (G.geometry(inputHeight: 7, inputWidth: 6, filterHeight: 3, filterWidth: 3), 5, 7),
      (G.geometry(inputHeight: 8, inputWidth: 8, filterHeight: 1, filterWidth: 1, stride: (2, 2)), 8, 24),
      (G.geometry(inputHeight: 10, inputWidth: 9, filterHeight: 5, filterWidth: 3, dilation: (2, 1), padding: .valid), 4, 9),
      (G.geometry(inputHeight: 6, inputWidth: 6, filterHeight: 2, filterWidth: 2, stride: (2, 2), batches: 2), 3, 17),
      (G.geometry(inputHeight: 3, inputWidth: 3, filterHeight: 3, filterWidth: 3), 136, 16),
      (G.geometry(inputHeight: 5, inputWidth: 4, filterHeight: 3, filterWidth: 3), 40, 600),  // column blocks
    ]
    MicrokernelCatalog.forEachF32Igemm { v in
      for (g, i, o) in shapes { t.checkF32Convolution(v, g, inputChannels: i, outputChannels: o, clamp: FloatClamp(low: 0, high: 6)) }
    }
  }
}

/// The row-major matrix-vector product FULLY_CONNECTED uses for weights computed at run time.
final class F32GemvRowMajorTests: XCTestCase {
  func testEveryVariantMatchesReference() {
    MicrokernelCatalog.forEachF32GemvRowMajor { v in
    var t = MicrokernelTester()
    for (n, k) in [(1, 1), (3, 7), (5, 8), (9, 16), (17, 23), (1404, 144), (10, 1280)] {
      let x = t.floats(k), w = t.floats(n * k), b = t.floats(n)
      var want = [Float](repeating: 0, count: n), got = [Float](repeating: .nan, count: n)
      var scale = [Double](repeating: 0, count: n)
      x.withUnsafeBufferPointer { xp in
        w.withUnsafeBufferPointer { wp in
          for j in 0..<n { scale[j] = MicrokernelTester.sumScale(xp.baseAddress!, wp.baseAddress! + j * k, count: k) }
        }
      }
      let clamp = FloatClamp(low: -1, high: 6)
      Reference.fullyConnected(input: x, weights: w, bias: b, output: &want, batches: 1, inputSize: k, units: n, clamp: clamp)
      v.run(n, k, x, w, b, &got, clamp)
      MicrokernelTester.check(got, want, v.name, "n\(n) k\(k)", scale: scale)
    }
    }
  }
}
