import XCTest
@testable import TrainCore

final class ConvTests: XCTestCase {
  /// Direct (textbook) NHWC/HWIO convolution used as an independent forward reference.
  func naiveConv(_ x: Tensor, _ w: Tensor, stride: Int, dilation: Int, padTop: Int, padLeft: Int, oh: Int, ow: Int) -> [Float] {
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, oc) = (w.shape[0], w.shape[1], w.shape[3])
    var out = [Float](repeating: 0, count: n * oh * ow * oc)
    for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow { for o in 0..<oc {
      var s: Float = 0
      for ky in 0..<kh { for kx in 0..<kw { for ci in 0..<c {
        let iy = oy * stride - padTop + ky * dilation, ix = ox * stride - padLeft + kx * dilation
        if iy < 0 || iy >= h || ix < 0 || ix >= wd { continue }
        s += x.data[((b * h + iy) * wd + ix) * c + ci] * w.data[((ky * kw + kx) * c + ci) * oc + o]
      } } }
      out[((b * oh + oy) * ow + ox) * oc + o] = s
    } } } }
    return out
  }

  func testConvForwardMatchesNaive() {
    let x = GradCheck.rand([2, 5, 6, 3], seed: 60), w = GradCheck.rand([3, 3, 3, 4], seed: 61)
    let same = x.conv2d(w, strides: (2, 2), padding: .same)
    // TF SAME, stride 2: out = ceil(5/2)=3, ceil(6/2)=3; pad total h = (3-1)*2+3-5 = 2 -> top 1; w = 1 -> left 0
    XCTAssertEqual(same.shape, [2, 3, 3, 4])
    let ref = naiveConv(x, w, stride: 2, dilation: 1, padTop: 1, padLeft: 0, oh: 3, ow: 3)
    for (a, b) in zip(same.data, ref) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    let dil = x.conv2d(w, padding: .valid, dilation: (2, 2))
    XCTAssertEqual(dil.shape, [2, 1, 2, 4])
    let ref2 = naiveConv(x, w, stride: 1, dilation: 2, padTop: 0, padLeft: 0, oh: 1, ow: 2)
    for (a, b) in zip(dil.data, ref2) { XCTAssertEqual(a, b, accuracy: 1e-5) }
  }

  func testConvGradients() {
    let x = GradCheck.rand([2, 5, 5, 2], seed: 62), w = GradCheck.rand([3, 3, 2, 3], seed: 63)
    GradCheck.check("conv2d valid", [x, w]) { $0[0].conv2d($0[1]) }
    GradCheck.check("conv2d same stride 2", [x, w]) { $0[0].conv2d($0[1], strides: (2, 2), padding: .same) }
    GradCheck.check("conv2d dilated same", [x, w]) { $0[0].conv2d($0[1], padding: .same, dilation: (2, 2)) }
  }

  func testDepthwise() {
    let x = GradCheck.rand([1, 4, 4, 2], seed: 64), w = GradCheck.rand([3, 3, 2, 2], seed: 65)
    let y = x.depthwiseConv2d(w, padding: .same)
    XCTAssertEqual(y.shape, [1, 4, 4, 4])
    // Independent check: depthwise output channel c*m+k equals a conv of channel c alone with filter [:,:,c,k].
    for c in 0..<2 { for k in 0..<2 {
      let xc = x.slice(start: [0, 0, 0, c], size: [1, 4, 4, 1])
      let wc = w.slice(start: [0, 0, c, k], size: [3, 3, 1, 1])
      let ref = xc.conv2d(wc, padding: .same)
      let got = y.slice(start: [0, 0, 0, c * 2 + k], size: [1, 4, 4, 1])
      for (a, b) in zip(got.data, ref.data) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    } }
    GradCheck.check("depthwise same", [x, w]) { $0[0].depthwiseConv2d($0[1], padding: .same) }
    GradCheck.check("depthwise stride 2 dilation", [GradCheck.rand([1, 6, 6, 2], seed: 66), w]) {
      $0[0].depthwiseConv2d($0[1], strides: (2, 2), padding: .valid)
    }
  }

  func testPools() {
    let x = GradCheck.separated([2, 5, 5, 2], seed: 67)
    GradCheck.check("maxPool valid", [x], eps: 1e-3) { $0[0].maxPool2d(size: (2, 2)) }
    GradCheck.check("maxPool same", [x], eps: 1e-3) { $0[0].maxPool2d(size: (3, 3), strides: (2, 2), padding: .same) }
    GradCheck.check("avgPool valid", [x]) { $0[0].avgPool2d(size: (2, 2)) }
    GradCheck.check("avgPool same", [x]) { $0[0].avgPool2d(size: (2, 2), padding: .same) }
    GradCheck.check("globalAvgPool", [x]) { $0[0].globalAvgPool2d() }
    let v = Tensor(shape: [1, 3, 3, 1], data: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let m = v.maxPool2d(size: (2, 2), padding: .same)
    XCTAssertEqual(m.data, [5, 6, 8, 9])
    let a = v.avgPool2d(size: (2, 2), padding: .same)
    XCTAssertEqual(a.data, [3, 4.5, 7.5, 9])   // TF counts only real elements at the border
  }
}
