@testable import MicroRuntime
import MoteTestSupport
import XCTest

/// The one harness for every microkernel family: seeded random operands, the reference kernel as
/// the oracle, float results within `floatTolerance` · max(1, |reference|), integer results bit for
/// bit. A family's tests walk its `MicrokernelCatalog` list and call `check` for every variant on
/// many shapes, so a new variant is tested by adding it to the catalog.
struct MicrokernelTester {
  /// Float tolerance relative to max(1, |reference|, scale) (summation order is the only difference).
  /// `scale` is a long sum's natural size, Σ|terms| / √terms: two orders of summing n terms differ
  /// by about √n roundings of the partial sums, so a fixed tolerance alone would fail every long dot
  /// product whose result happens to be near zero.
  static var floatTolerance: Double { 1e-5 }

  /// Σ|a·b| / √count over `count` products of a row of `a` (stride 1) and a row of `b` (stride `bStride`).
  static func sumScale(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int, bStride: Int = 1) -> Double {
    var s = 0.0
    for i in 0..<count { s += abs(Double(a[i]) * Double(b[i * bStride])) }
    return count > 0 ? s / Double(count).squareRoot() : 0
  }

  private var state: UInt64

  /// A tester whose operands follow from `seed`.
  init(seed: UInt64 = 0x5EED) { state = seed }

  /// The next 64 random bits (SplitMix64).
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// `count` floats uniform in [low, high).
  mutating func floats(_ count: Int, _ low: Float = -1, _ high: Float = 1) -> [Float] {
    (0..<count).map { _ in low + (high - low) * Float(next() >> 40) / Float(1 << 24) }
  }

  /// `count` int8 values uniform over [-128, 127].
  mutating func int8s(_ count: Int) -> [Int8] {
    (0..<count).map { _ in Int8(truncatingIfNeeded: next()) }
  }

  /// An integer uniform in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// Asserts float results equal the reference within `floatTolerance`.
  static func check(_ got: [Float], _ want: [Float], _ variant: StaticString, _ shape: String,
                    scale: [Double]? = nil, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, "\(variant) \(shape): length", file: file, line: line)
    for i in 0..<min(got.count, want.count) {
      let g = Double(got[i]), w = Double(want[i])
      let size = max(1, abs(w), scale?[i] ?? 0)
      let ok = g == w || abs(g - w) <= floatTolerance * size || (g.isNaN && w.isNaN)
      if !ok {
        XCTFail("\(variant) \(shape): element \(i) is \(g), reference \(w)", file: file, line: line)
        return
      }
    }
  }

  /// Asserts integer results equal the reference bit for bit (the int8 families' rule).
  static func check<T: FixedWidthInteger>(_ got: [T], _ want: [T], _ variant: StaticString, _ shape: String,
                                          file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, "\(variant) \(shape): length", file: file, line: line)
    if let i = (0..<min(got.count, want.count)).first(where: { got[$0] != want[$0] }) {
      XCTFail("\(variant) \(shape): element \(i) is \(got[i]), reference \(want[i])", file: file, line: line)
    }
  }

  /// A window geometry as TFLite computes it (batch 1 unless given).
  static func geometry(inputHeight: Int, inputWidth: Int, filterHeight: Int, filterWidth: Int,
                       stride: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1), padding: TFLite.Padding = .same,
                       batches: Int = 1) -> WindowGeometry {
    let outH = WindowGeometry.outputSize(padding, input: inputHeight, filter: filterHeight, stride: stride.0, dilation: dilation.0)
    let outW = WindowGeometry.outputSize(padding, input: inputWidth, filter: filterWidth, stride: stride.1, dilation: dilation.1)
    return WindowGeometry(
      batches: batches, inputHeight: inputHeight, inputWidth: inputWidth, outputHeight: outH, outputWidth: outW,
      filterHeight: filterHeight, filterWidth: filterWidth, strideHeight: stride.0, strideWidth: stride.1,
      dilationHeight: dilation.0, dilationWidth: dilation.1,
      padTop: padding == .same ? WindowGeometry.leadingPad(input: inputHeight, filter: filterHeight, stride: stride.0,
                                                           dilation: dilation.0, output: outH) : 0,
      padLeft: padding == .same ? WindowGeometry.leadingPad(input: inputWidth, filter: filterWidth, stride: stride.1,
                                                            dilation: dilation.1, output: outW) : 0)
  }

  // MARK: Float families

  /// One float GEMM variant on an m × n × k product with a random bias (or none) and `clamp`,
  /// against the reference FULLY_CONNECTED.
  mutating func checkF32Gemm(_ v: F32GemmVariant, m: Int, n: Int, k: Int, bias: Bool = true,
                             clamp: FloatClamp = .none, file: StaticString = #filePath, line: UInt = #line) {
    let a = floats(m * k), w = floats(n * k), b = floats(n)
    var want = [Float](repeating: 0, count: m * n)
    var packed = [Float](repeating: .nan, count: F32Gemm.packedCount(n: n, k: k))
    var got = [Float](repeating: .nan, count: m * n)
    b.withUnsafeBufferPointer { bp in
      let biasPointer = bias ? bp.baseAddress : nil
      Reference.fullyConnected(input: a, weights: w, bias: biasPointer, output: &want, batches: m, inputSize: k,
                               units: n, clamp: clamp)
      F32Gemm.pack(weights: w, bias: biasPointer, n: n, k: k, into: &packed)
    }
    F32Gemm.run(v, m: m, n: n, k: k, a: a, aStride: k, packed: packed, c: &got, cStride: n, clamp: clamp)
    var scale = [Double](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { ap in
      w.withUnsafeBufferPointer { wp in
        for i in 0..<m {
          for j in 0..<n { scale[i * n + j] = Self.sumScale(ap.baseAddress! + i * k, wp.baseAddress! + j * k, count: k) }
        }
      }
    }
    Self.check(got, want, v.name, "m\(m) n\(n) k\(k) bias \(bias) clamp \(clamp.low)...\(clamp.high)", scale: scale,
               file: file, line: line)
  }

  /// One float indirect-GEMM variant driving a whole convolution against the reference CONV_2D.
  mutating func checkF32Convolution(_ v: F32IgemmVariant, _ g: WindowGeometry, inputChannels: Int, outputChannels: Int,
                                    clamp: FloatClamp = .none, file: StaticString = #filePath, line: UInt = #line) {
    let k = g.filterHeight * g.filterWidth * inputChannels
    let input = floats(g.batches * g.inputHeight * g.inputWidth * inputChannels)
    let filter = floats(outputChannels * k), bias = floats(outputChannels)
    let outCount = g.batches * g.outputHeight * g.outputWidth * outputChannels
    var want = [Float](repeating: 0, count: outCount), got = [Float](repeating: .nan, count: outCount)
    var packed = [Float](repeating: .nan, count: F32Gemm.packedCount(n: outputChannels, k: k))
    let memory = UnsafeMutableRawPointer.allocate(byteCount: F32Depthwise.indirectionBytes(g, channels: inputChannels), alignment: 16)
    defer { memory.deallocate() }
    let indirection = F32Indirection(memory, g, channels: inputChannels)
    Reference.conv2D(input: input, filter: filter, bias: bias, output: &want, geometry: g, inputChannels: inputChannels,
                     filterChannels: inputChannels, outputChannels: outputChannels, clamp: clamp)
    F32Gemm.pack(weights: filter, bias: bias, n: outputChannels, k: k, into: &packed)
    input.withUnsafeBufferPointer { ip in
      F32Igemm.run(v, input: ip.baseAddress!, geometry: g, inputChannels: inputChannels, outputChannels: outputChannels,
                   packed: packed, output: &got, clamp: clamp, indirection: indirection)
    }
    Self.check(got, want, v.name, "conv \(g) in \(inputChannels) out \(outputChannels)", file: file, line: line)
  }

  /// One float depthwise variant driving a whole layer against the reference DEPTHWISE_CONV_2D.
  mutating func checkF32Depthwise(_ v: F32DepthwiseVariant, _ g: WindowGeometry, channels: Int, bias: Bool = true,
                                  clamp: FloatClamp = .none, file: StaticString = #filePath, line: UInt = #line) {
    let input = floats(g.batches * g.inputHeight * g.inputWidth * channels)
    let filter = floats(g.filterHeight * g.filterWidth * channels), b = floats(channels)
    let outCount = g.batches * g.outputHeight * g.outputWidth * channels
    var want = [Float](repeating: 0, count: outCount), got = [Float](repeating: .nan, count: outCount)
    let bytes = F32Depthwise.indirectionBytes(g, channels: channels)
    let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
    defer { memory.deallocate() }
    let indirection = F32Indirection(memory, g, channels: channels)
    b.withUnsafeBufferPointer { bp in
      let biasPointer = bias ? bp.baseAddress : nil
      Reference.depthwiseConv2D(input: input, filter: filter, bias: biasPointer, output: &want, geometry: g,
                                inputChannels: channels, depthMultiplier: 1, clamp: clamp)
      input.withUnsafeBufferPointer { ip in
        // Twice: the second call reuses the rows built by the first.
        for _ in 0..<2 {
          F32Depthwise.run(v, input: ip.baseAddress!, geometry: g, channels: channels, weights: filter, bias: biasPointer,
                           output: &got, clamp: clamp, indirection: indirection)
        }
      }
    }
    Self.check(got, want, v.name, "dw \(g) channels \(channels)", file: file, line: line)
  }
}

extension MicrokernelTester {
  /// The broadcast layout of two right-aligned shapes (as `BroadcastLayout.make` builds it).
  static func layout(_ a: [Int], _ b: [Int]) -> BroadcastLayout {
    let rank = max(a.count, b.count)
    var l = BroadcastLayout(rank: max(rank, 1), shape: .init(repeating: 1), strideA: .init(repeating: 0),
                            strideB: .init(repeating: 0), count: 1)
    var sa = 1, sb = 1
    for d in stride(from: rank - 1, through: 0, by: -1) {
      let da = d - (rank - a.count) >= 0 ? a[d - (rank - a.count)] : 1
      let db = d - (rank - b.count) >= 0 ? b[d - (rank - b.count)] : 1
      l.shape[d] = max(da, db)
      l.strideA[d] = da == 1 ? 0 : sa
      l.strideB[d] = db == 1 ? 0 : sb
      sa *= da
      sb *= db
      l.count *= max(da, db)
    }
    return l
  }

  /// One float binary row variant driving a broadcast of shapes `a` and `b`, against the reference
  /// (`Reference.binary` for ADD and MUL, `Reference.prelu` for PRELU; the variant's name says which).
  mutating func checkF32Binary(_ v: F32BinaryVariant, _ a: [Int], _ b: [Int], clamp: FloatClamp = .none,
                               file: StaticString = #filePath, line: UInt = #line) {
    let l = Self.layout(a, b)
    let x = floats(a.reduce(1, *), -2, 2), y = floats(b.reduce(1, *), -2, 2)
    var want = [Float](repeating: 0, count: l.count), got = [Float](repeating: .nan, count: l.count)
    let name = "\(v.name)"
    var c = clamp
    if name.contains("Prelu") {
      c = .none
      Reference.prelu(x, alpha: y, &want, layout: l)
    } else if name.contains("Mul") {
      Reference.binary(Mul.Product.self, a: x, b: y, output: &want, layout: l, clamp: c)
    } else {
      Reference.binary(Add.Sum.self, a: x, b: y, output: &want, layout: l, clamp: c)
    }
    F32Binary.run(v, a: x, b: y, output: &got, layout: l, clamp: c)
    Self.check(got, want, v.name, "\(a) ∘ \(b)", file: file, line: line)
  }
}
