@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// Every float binary row variant in the catalog, through the broadcasting driver, against the
/// reference; and the vectorized max pool.
final class F32ElementwiseTests: XCTestCase {
  func testEveryBinaryVariantOnBroadcasts() {
    var t = MicrokernelTester()
    let shapes: [([Int], [Int])] = [
      ([1, 5, 7, 19], [1, 5, 7, 19]),  // same shape: one row
      ([1, 5, 7, 24], [24]),           // per channel
      ([1, 5, 7, 24], [1, 1, 1, 24]),
      ([2, 3, 4, 5], [1]),             // scalar
      ([1], [3, 4, 9]),                // scalar first
      ([3, 1, 5], [1, 4, 1]),          // outer product
      ([2, 3, 1, 8], [2, 1, 6, 8]),
      ([2, 3, 4, 8], [3, 1, 8]),       // rows of a per-row operand
      ([4, 6, 8], [6, 1]),
      ([0, 3], [3]),                   // empty
    ]
    MicrokernelCatalog.forEachF32Binary { v in
      for (a, b) in shapes {
        t.checkF32Binary(v, a, b)
        t.checkF32Binary(v, a, b, clamp: FloatClamp(low: 0, high: 6))
      }
    }
  }

  func testEveryMaxPoolVariantMatchesReference() {
    MicrokernelCatalog.forEachF32MaxPool { v in
    var t = MicrokernelTester()
    typealias G = MicrokernelTester
    for (g, channels) in [(G.geometry(inputHeight: 8, inputWidth: 8, filterHeight: 2, filterWidth: 2, stride: (2, 2)), 19),
                          (G.geometry(inputHeight: 7, inputWidth: 9, filterHeight: 3, filterWidth: 3, stride: (2, 2)), 16),
                          (G.geometry(inputHeight: 5, inputWidth: 5, filterHeight: 3, filterWidth: 2, padding: .valid, batches: 2), 5)] {
      let input = t.floats(g.batches * g.inputHeight * g.inputWidth * channels)
      let n = g.batches * g.outputHeight * g.outputWidth * channels
      var want = [Float](repeating: 0, count: n), got = [Float](repeating: .nan, count: n)
      Reference.maxPool2D(input: input, output: &want, geometry: g, channels: channels, low: -0.5, high: 0.75)
      v.run(input, &got, g, channels, FloatClamp(low: -0.5, high: 0.75))
      MicrokernelTester.check(got, want, v.name, "\(g) channels \(channels)")
    }
    }
  }

  func testEveryGlobalAvgPoolVariantMatchesReference() {
    MicrokernelCatalog.forEachF32GlobalAvgPool { v in
    var t = MicrokernelTester()
    for (b, h, w, c) in [(1, 3, 3, 1280), (2, 7, 5, 19), (1, 1, 1, 3)] {
      let input = t.floats(b * h * w * c)
      var want = [Float](repeating: 0, count: b * c), got = [Float](repeating: .nan, count: b * c)
      var dims = Dims(rank: 4)
      dims[0] = b; dims[1] = h; dims[2] = w; dims[3] = c
      var strides = IndexVector(count: 4)
      strides[0] = c; strides[3] = 1
      Reference.reduceSum(input: input, inDims: IndexVector(dims), outStrides: strides, output: &want, outputCount: b * c,
                          divideBy: h * w)
      v.run(input, b, h * w, c, &got)
      MicrokernelTester.check(got, want, v.name, "\(b)x\(h)x\(w)x\(c)")
    }
    }
  }
}

/// PAD of 4-byte elements against the reference.
final class F32PadTests: XCTestCase {
  func testMatchesReference() {
    var t = MicrokernelTester()
    let cases: [([Int], [Int], [Int])] = [  // input dims, before, after
      ([1, 5, 5, 16], [0, 0, 0, 0], [0, 0, 0, 16]),
      ([1, 4, 3, 5], [0, 1, 2, 3], [0, 2, 1, 4]),
      ([2, 3, 9], [1, 0, 0], [0, 2, 7]),
      ([7], [3], [2]),
    ]
    for (dims, before, after) in cases {
      let input = t.int8s(dims.reduce(1, *)).map { UInt32(bitPattern: Int32($0) &* 77) }
      let outDims = zip(dims, zip(before, after)).map { $0 + $1.0 + $1.1 }
      var i = IndexVector(count: dims.count), o = IndexVector(count: dims.count), b = IndexVector(count: dims.count)
      for k in 0..<dims.count { i[k] = dims[k]; o[k] = outDims[k]; b[k] = before[k] }
      var want = [UInt32](repeating: 1, count: outDims.reduce(1, *)), got = [UInt32](repeating: 2, count: want.count)
      Reference.pad(input: input, inDims: i, before: b, output: &want, outDims: o, value: 0xDEAD_BEEF)
      F32Pad.run(input: input, inDims: i, before: b, output: &got, outDims: o, value: 0xDEAD_BEEF)
      MicrokernelTester.check(got, want, "f32Pad", "\(dims) before \(before) after \(after)")
    }
  }
}
