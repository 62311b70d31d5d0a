@testable import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// Opens a fixture's model after `patch` rewrote some of its bytes (located through the verified
/// model view) and returns the MicroError that opening it throws, or nil when it opens.
func openPatched(_ name: String, _ variant: String,
                 patch: (UnsafeMutableRawBufferPointer, TFLite.Model) throws -> Void) throws -> MicroError? {
  let path = Fixture.root.appendingPathComponent(name).appendingPathComponent(variant)
    .appendingPathComponent("model.tflite").path
  let file = try AlignedBytes(contentsOf: path)
  try patch(file.buffer, try VerifiedModel(bytes: file.bytes).model)
  do {
    let usage = try Interpreter.measureArena(model: file.bytes, resolver: .allOps)
    let arena = AlignedBytes(count: usage.total)
    _ = try Interpreter(model: file.bytes, arena: arena.buffer, resolver: .allOps)
    return nil
  } catch let e as MicroError {
    return e
  }
}

/// The largest |got − want| / max(1, |want|) of a float fixture's first output run through MicroRuntime.
func maxRelativeError(_ name: String, _ variant: String) throws -> Double {
  let dir = Fixture.root.appendingPathComponent(name).appendingPathComponent(variant)
  let f = Fixture(name: name, variant: variant, directory: dir)
  let got = try runModel(path: f.modelPath, inputs: try f.inputs)[0].doubles
  let want = try f.expectedOutputs[0].doubles
  precondition(got.count == want.count)
  var worst = 0.0
  for i in 0..<got.count { worst = max(worst, abs(got[i] - want[i]) / max(1, abs(want[i]))) }
  return worst
}

/// Byte position of field `id` of `table` (the field must be stored).
func fieldPosition(_ table: FlatTable, _ id: Int) -> Int {
  precondition(table.has(id), "field \(id) is not stored")
  return table.position + table.fieldOffset(id)
}

/// The tensor index of input `k` / output `k` of operator 0.
func op0Input(_ m: TFLite.Model, _ k: Int) -> Int { Int(m.subgraphs[0].operators[0].inputs[k]) }
func op0Output(_ m: TFLite.Model, _ k: Int) -> Int { Int(m.subgraphs[0].operators[0].outputs[k]) }

final class Conv2DTests: XCTestCase {
  // Geometry: TFLite's formulas, derived by hand.
  func testOutputSizeAndPadding() {
    XCTAssertEqual(WindowGeometry.outputSize(.same, input: 5, filter: 3, stride: 2, dilation: 1), 3)
    XCTAssertEqual(WindowGeometry.outputSize(.valid, input: 5, filter: 3, stride: 2, dilation: 1), 2)
    // Dilation 2 makes a 3-tap filter span 5 cells: 7 - 5 + 1 = 3 outputs.
    XCTAssertEqual(WindowGeometry.outputSize(.valid, input: 7, filter: 3, stride: 1, dilation: 2), 3)
    XCTAssertEqual(WindowGeometry.outputSize(.same, input: 7, filter: 3, stride: 1, dilation: 2), 7)
    // SAME, 5 cells, 3 taps, stride 2: total padding (3-1)·2 + 3 - 5 = 2, one before.
    XCTAssertEqual(WindowGeometry.leadingPad(input: 5, filter: 3, stride: 2, dilation: 1, output: 3), 1)
    // SAME, 4 cells, 2 taps, stride 2: total 0.
    XCTAssertEqual(WindowGeometry.leadingPad(input: 4, filter: 2, stride: 2, dilation: 1, output: 2), 0)
    // SAME, 6 cells, 4 taps, stride 1: total 3, the odd cell goes after: 1 before.
    XCTAssertEqual(WindowGeometry.leadingPad(input: 6, filter: 4, stride: 1, dilation: 1, output: 6), 1)
    // VALID never pads.
    XCTAssertEqual(WindowGeometry.leadingPad(input: 5, filter: 3, stride: 2, dilation: 1, output: 2), 0)
  }

  func testInt8ConvByHand() {
    // One 2x2 window, one channel: input zero point −1 → offset +1.
    let input: [Int8] = [1, 2, 3, 4], filter: [Int8] = [1, -1, 2, 0], bias: [Int32] = [10]
    var m = QuantizedMultiplier(0.5)
    var out: [Int8] = [0]
    let g = WindowGeometry(batches: 1, inputHeight: 2, inputWidth: 2, outputHeight: 1, outputWidth: 1,
                           filterHeight: 2, filterWidth: 2, strideHeight: 1, strideWidth: 1,
                           dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
    withUnsafeMutablePointer(to: &m) { mp in
      let q = ChannelRequantization(multipliers: mp, channels: 1, inputOffset: 1, outputOffset: 3,
                                    clamp: QuantizedClamp(low: -128, high: 127))
      // acc = 2·1 + 3·(−1) + 4·2 + 5·0 + 10 = 17; 17 · 0.5 = 8.5 → 9 (ties away); + 3 = 12.
      Reference.conv2D(input: input, filter: filter, bias: bias, output: &out, geometry: g, inputChannels: 1,
                       filterChannels: 1, outputChannels: 1, requantization: q)
      XCTAssertEqual(out, [12])
      // A relu6-like clamp to [−128, 10] caps it.
      var clamped = q
      clamped.clamp = QuantizedClamp(low: -128, high: 10)
      Reference.conv2D(input: input, filter: filter, bias: bias, output: &out, geometry: g, inputChannels: 1,
                       filterChannels: 1, outputChannels: 1, requantization: clamped)
      XCTAssertEqual(out, [10])
    }
  }

  func testFloatConvSamePaddingByHand() {
    // 3x3 input 1..9, 3x3 all-ones filter, SAME, stride 2: outputs at (0,0), (0,2), (2,0), (2,2),
    // each the sum of the in-bounds 2x2 corner: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
    let input: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9], filter = [Float](repeating: 1, count: 9)
    var out = [Float](repeating: 0, count: 4)
    let g = WindowGeometry(batches: 1, inputHeight: 3, inputWidth: 3, outputHeight: 2, outputWidth: 2,
                           filterHeight: 3, filterWidth: 3, strideHeight: 2, strideWidth: 2,
                           dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1)
    Reference.conv2D(input: input, filter: filter, bias: [Float(0.5)], output: &out, geometry: g,
                     inputChannels: 1, filterChannels: 1, outputChannels: 1, clamp: .none)
    XCTAssertEqual(out, [12.5, 16.5, 24.5, 28.5])
  }

  func testGroupedConvByHand() {
    // One pixel, four input channels in two groups of two; two output channels, one per group:
    // out0 = 1·1 + 2·10 (channels 0, 1), out1 = 3·1 + 4·10 (channels 2, 3).
    let g = WindowGeometry(batches: 1, inputHeight: 1, inputWidth: 1, outputHeight: 1, outputWidth: 1,
                           filterHeight: 1, filterWidth: 1, strideHeight: 1, strideWidth: 1,
                           dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
    var out: [Float] = [0, 0]
    Reference.conv2D(input: [1, 2, 3, 4], filter: [1, 10, 1, 10], bias: nil, output: &out, geometry: g,
                     inputChannels: 4, filterChannels: 2, outputChannels: 2, clamp: .none)
    XCTAssertEqual(out, [21, 43])
  }

  func testHybridInputQuantization() {
    // Symmetric: range 2 → x · 63.5, ties away from zero: 63.5 → 64, 31.75 → 32.
    var q = [Int8](repeating: 0, count: 3)
    let s = Reference.quantizeSymmetric([1, -2, 0.5], count: 3, into: &q)
    XCTAssertEqual(q, [64, -127, 32])
    XCTAssertEqual(s, 2 / 127, accuracy: 1e-9)
    // Asymmetric over [−1, 3]: scale 4/255, zero point −64.25 → −64; 3 → 127.25 → 127,
    // −1 → −127.75 → −128, 1 → −0.25 → 0, 0 → −64.
    var a = [Int8](repeating: 0, count: 4)
    let (scale, zp) = Reference.quantizeAsymmetric([3, -1, 1, 0], count: 4, into: &a)
    XCTAssertEqual(zp, -64)
    XCTAssertEqual(Double(scale), 4.0 / 255, accuracy: 1e-9)
    XCTAssertEqual(a, [127, -128, 0, -64])
    // All zeros: scale 1, zero point 0.
    var z = [Int8](repeating: 5, count: 2)
    let (s0, z0) = Reference.quantizeAsymmetric([0, 0], count: 2, into: &z)
    XCTAssertEqual(s0, 1); XCTAssertEqual(z0, 0); XCTAssertEqual(z, [0, 0])
  }

  // Prepare's rejections, on real converter output with one fact broken.
  func testRejectsZeroStride() throws {
    let e = try openPatched("conv2d_same_s1", "float") { buf, m in
      let t = m.subgraphs[0].operators[0].builtinOptionsAsConv2DOptions!.table
      buf.storeBytes(of: Int32(0), toByteOffset: fieldPosition(t, 1), as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .invalidStride)
  }

  func testRejectsWrongOutputShape() throws {
    let e = try openPatched("conv2d_valid_s1", "float") { buf, m in
      let shape = m.subgraphs[0].tensors[op0Output(m, 0)].shape
      buf.storeBytes(of: shape[1] + 1, toByteOffset: shape.start + 4, as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .shapeMismatch)
    XCTAssertEqual(e?.expected, 8)
  }

  func testRejectsWeightZeroPoint() throws {
    let e = try openPatched("conv2d_same_s1", "int8") { buf, m in
      let zp = m.subgraphs[0].tensors[op0Input(m, 1)].quantization!.zeroPoint
      buf.storeBytes(of: Int64(3), toByteOffset: zp.start, as: Int64.self)
    }
    XCTAssertEqual(e?.kind, .invalidQuantization)
    XCTAssertEqual(e?.found, 3)
  }

  func testRejectsBiasScale() throws {
    let e = try openPatched("conv2d_same_s1", "int8") { buf, m in
      let s = m.subgraphs[0].tensors[op0Input(m, 2)].quantization!.scale
      buf.storeBytes(of: s[0] * 1.01, toByteOffset: s.start, as: Float.self)
    }
    XCTAssertEqual(e?.kind, .biasScaleMismatch)
  }

  /// Hybrid CONV_2D follows LiteRT's arithmetic step for step, and matches it bit for bit on these fixtures.
  func testHybridAccuracy() throws {
    for name in ["hybrid_conv2d_same_s1", "hybrid_conv2d_valid_s2_relu", "hybrid_conv2d_batch2", "hybrid_conv2d_per_tensor"] {
      let e = try maxRelativeError(name, "hybrid")
      print("\(name): max relative error vs LiteRT \(e)")
      XCTAssertEqual(e, 0, name)
    }
  }

  func testRejectsNonClampActivation() throws {
    // TANH (4) cannot be fused into a convolution's output clamp.
    let e = try openPatched("conv2d_relu", "int8") { buf, m in
      let t = m.subgraphs[0].operators[0].builtinOptionsAsConv2DOptions!.table
      buf.storeBytes(of: Int8(4), toByteOffset: fieldPosition(t, 3), as: Int8.self)
    }
    XCTAssertEqual(e?.kind, .invalidOption)
    XCTAssertEqual(e?.found, 4)
  }

  func testRejectsUngroupableChannels() throws {
    // A filter of depth 3 cannot group an input of depth 4.
    let e = try openPatched("conv2d_same_s1", "float") { buf, m in
      let shape = m.subgraphs[0].tensors[op0Input(m, 0)].shape
      buf.storeBytes(of: Int32(4), toByteOffset: shape.start + 12, as: Int32.self)
    }
    XCTAssertEqual(e?.kind, .shapeMismatch)
  }

  func testUnpatchedFixtureOpens() throws {
    XCTAssertNil(try openPatched("conv2d_same_s1", "int8") { _, _ in })
    XCTAssertNil(try openPatched("hybrid_conv2d_same_s1", "hybrid") { _, _ in })
  }
}
