@testable import MicroRuntime
import MoteTestSupport
import XCTest

final class S8DepthwiseConvTests: XCTestCase {
  func testEveryVariantMatchesReference() {
    var variants: [S8DepthwiseVariant] = []
    MicrokernelCatalog.forEachS8Depthwise { variants.append($0) }
    XCTAssertGreaterThanOrEqual(variants.count, 1)
    var rng = S8TestRandom(4)
    // (batches, inH, inW, C, fH, fW, stride, dilation, same padding)
    let shapes: [(Int, Int, Int, Int, Int, Int, Int, Int, Bool)] = [
      (1, 5, 5, 8, 3, 3, 1, 1, true), (1, 7, 6, 16, 3, 3, 2, 1, true), (2, 4, 4, 5, 3, 3, 1, 1, false),
      (1, 9, 9, 33, 3, 3, 2, 1, false), (1, 8, 8, 7, 3, 3, 1, 2, true), (1, 6, 7, 24, 5, 5, 1, 1, true),
      (1, 3, 3, 1, 3, 3, 1, 1, true), (1, 10, 10, 96, 3, 3, 2, 1, true), (1, 4, 5, 17, 2, 3, 1, 1, true),
    ]
    for v in variants {
      for (batches, inH, inW, c, fH, fW, stride, dilation, same) in shapes {
        let padding: TFLite.Padding = same ? .same : .valid
        let outH = WindowGeometry.outputSize(padding, input: inH, filter: fH, stride: stride, dilation: dilation)
        let outW = WindowGeometry.outputSize(padding, input: inW, filter: fW, stride: stride, dilation: dilation)
        let g = WindowGeometry(
          batches: batches, inputHeight: inH, inputWidth: inW, outputHeight: outH, outputWidth: outW,
          filterHeight: fH, filterWidth: fW, strideHeight: stride, strideWidth: stride,
          dilationHeight: dilation, dilationWidth: dilation,
          padTop: WindowGeometry.leadingPad(input: inH, filter: fH, stride: stride, dilation: dilation, output: outH),
          padLeft: WindowGeometry.leadingPad(input: inW, filter: fW, stride: stride, dilation: dilation, output: outW))
        for withBias in [true, false] {
          let rq = S8TestRequantization(&rng, channels: c)
          let x = rng.int8s(batches * inH * inW * c), w = rng.int8s(fH * fW * c)
          let bias: [Int32] = (0..<c).map { _ in Int32(rng.int(-50_000...50_000)) }
          let count = batches * outH * outW * c
          var expected = [Int8](repeating: 0, count: count), got = [Int8](repeating: 0, count: count)
          var scratch = [UInt8](repeating: 0x5A, count: S8DepthwisePlan.scratchBytes(channels: c, taps: fH * fW) + 64)
          var zeros = [Int32](repeating: 0, count: c)
          rq.with { q, r in
            Reference.depthwiseConv2D(input: x, filter: w, bias: withBias ? bias : nil, output: &expected, geometry: g,
                                      inputChannels: c, depthMultiplier: 1, requantization: q)
            zeros.withUnsafeMutableBufferPointer { z in
            let plan = S8DepthwisePlan(requantization: r, inputOffset: q.inputOffset, scratchSlot: 0, kernel: v.kernel,
                                       zeroBias: z.baseAddress!)
            scratch.withUnsafeMutableBytes { s in
              bias.withUnsafeBufferPointer { bp in
                got.withUnsafeMutableBufferPointer {
                  plan.run(input: x, filter: w, bias: withBias ? bp.baseAddress! : nil, output: $0.baseAddress!,
                           geometry: g, channels: c, scratch: s.baseAddress!)
                }
              }
            }
            }
          }
          MicrokernelTester.check(got, expected, v.name, "\(inH)x\(inW)x\(c) \(fH)x\(fW) stride \(stride) dilation \(dilation)")
        }
      }
    }
  }
}
