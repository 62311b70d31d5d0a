@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// Every float depthwise variant in the catalog against the reference, on many windows and widths.
final class F32DepthwiseTests: XCTestCase {
  func testCatalogListsScalarPortableAndPlatformVariants() {
    var names: [String] = []
    MicrokernelCatalog.forEachF32Depthwise { names.append("\($0.name)") }
    XCTAssertTrue(names.contains("f32DwConvScalar"))
    XCTAssertTrue(names.contains("\(MicrokernelCatalog.f32Depthwise9.name)"))
    XCTAssertTrue(names.contains("\(MicrokernelCatalog.f32Depthwise.name)"))
    XCTAssertEqual(Set(names).count, names.count)
  }

  func testEveryVariantOnManyShapes() {
    var t = MicrokernelTester()
    typealias G = MicrokernelTester
    MicrokernelCatalog.forEachF32Depthwise { v in
      for channels in [1, 7, 8, 9, 16, 24, 33] {
        for stride in [1, 2] {
          for padding in [TFLite.Padding.same, .valid] {
            let g = G.geometry(inputHeight: 7, inputWidth: 8, filterHeight: 3, filterWidth: 3, stride: (stride, stride),
                               padding: padding)
            t.checkF32Depthwise(v, g, channels: channels, bias: channels % 2 == 0, clamp: FloatClamp(low: 0, high: 6))
          }
        }
      }
      if v.taps == 0 {
        t.checkF32Depthwise(v, G.geometry(inputHeight: 9, inputWidth: 8, filterHeight: 5, filterWidth: 5), channels: 20)
        t.checkF32Depthwise(v, G.geometry(inputHeight: 9, inputWidth: 8, filterHeight: 3, filterWidth: 2,
                                           dilation: (2, 3), batches: 2), channels: 12)
      }
    }
  }
}
