import MicroRuntime
import Quantize
import XCTest

/// Quantization math against values derived by hand.
final class QuantParamsTests: XCTestCase {
  func testAsymmetricInt8FromRange() {
    // [-1, 3]: scale 4/255, zero point round(-128 + 1/(4/255)) = round(-64.25) = -64.
    let p = QuantParams.int8Asymmetric(min: -1, max: 3)
    XCTAssertEqual(p.scale, Float(4.0 / 255.0), accuracy: 1e-9)
    XCTAssertEqual(p.zeroPoint, -64)
    XCTAssertEqual(p.dequantize(p.zeroPoint), 0)
  }

  func testRangeIsExtendedToContainZero() {
    // [2, 5] becomes [0, 5]: scale 5/255, zero point -128.
    let p = QuantParams.int8Asymmetric(min: 2, max: 5)
    XCTAssertEqual(p.scale, Float(5.0 / 255.0), accuracy: 1e-9)
    XCTAssertEqual(p.zeroPoint, -128)
    // [-6, -1] becomes [-6, 0]: zero point 127.
    XCTAssertEqual(QuantParams.int8Asymmetric(min: -6, max: -1).zeroPoint, 127)
  }

  func testDegenerateRangeGivesScaleOne() {
    XCTAssertEqual(QuantParams.int8Asymmetric(min: 0, max: 0), QuantParams(scale: 1, zeroPoint: 0))
  }

  func testQuantizeRoundsHalfAwayFromZeroAndClamps() {
    let p = QuantParams(scale: 0.5, zeroPoint: 10)
    XCTAssertEqual(p.quantize(0.25), 11)      // 0.5 -> 1
    XCTAssertEqual(p.quantize(-0.25), 9)      // -0.5 -> -1
    XCTAssertEqual(p.quantize(1000), 127)
    XCTAssertEqual(p.quantize(-1000), -128)
    XCTAssertEqual(p.quantize(-1000, qmin: -127, qmax: 127), -127)
  }

  func testFixedOutputParameters() {
    XCTAssertEqual(QuantParams.int8Probability, QuantParams(scale: 0.00390625, zeroPoint: -128))
    XCTAssertEqual(QuantParams.int8Tanh, QuantParams(scale: 0.0078125, zeroPoint: 0))
  }

  func testPerChannelWeights() {
    // Shape [2, 3], axis 0: channel 0 max |w| = 2 -> scale 2/127; channel 1 max 0.5 -> 0.5/127.
    let w: [Float] = [1, -2, 0.5, 0.25, 0.5, -0.125]
    let q = WeightQuantizer.perChannel(w, shape: [2, 3], axis: 0)
    XCTAssertEqual(q.scales[0], 2.0 / 127, accuracy: 1e-9)
    XCTAssertEqual(q.scales[1], 0.5 / 127, accuracy: 1e-9)
    // 1/(2/127) = 63.5 -> 64; -2 -> -127; 0.5 -> 31.75 -> 32; 0.25/(0.5/127) = 63.5 -> 64; 0.5 -> 127; -0.125 -> -31.75 -> -32.
    XCTAssertEqual(q.values, [64, -127, 32, 64, 127, -32])
  }

  func testPerChannelAlongLastAxis() {
    // Depthwise layout [1, 1, 2, 2], axis 3: channels interleave.
    let q = WeightQuantizer.perChannel([1, 10, -1, -5], shape: [1, 1, 2, 2], axis: 3)
    XCTAssertEqual(q.scales[0], 1.0 / 127, accuracy: 1e-9)
    XCTAssertEqual(q.scales[1], 10.0 / 127, accuracy: 1e-9)
    XCTAssertEqual(q.values, [127, 127, -127, -64])  // -5/(10/127) = -63.5 -> -64
  }

  func testAllZeroChannelQuantizesToZero() {
    let q = WeightQuantizer.perChannel([0, 0, 3, -3], shape: [2, 2], axis: 0)
    XCTAssertEqual(q.values, [0, 0, 127, -127])
    XCTAssertEqual(q.scales[0], 1)
  }

  func testBiasUsesInputTimesWeightScale() {
    // input scale 0.5, weight scales [0.1, 0.02]: bias scales 0.05 and 0.01; 1.0/0.05 = 20, -0.035/0.01 = -3.5 -> -4.
    let (values, scales) = WeightQuantizer.bias([1.0, -0.035], inputScale: 0.5, weightScales: [0.1, 0.02])
    XCTAssertEqual(values, [20, -4])
    XCTAssertEqual(scales[0], 0.05, accuracy: 1e-9)
    XCTAssertEqual(scales[1], 0.01, accuracy: 1e-9)
  }

  func testRequantizationMultiplier() {
    // 0.5 * 0.25 / 1.0 = 0.125 = 0.5 * 2^-2: multiplier 2^30 (0.5 in Q31), shift -2.
    let m = requantizationMultiplier(inputScale: 0.5, weightScale: 0.25, outputScale: 1.0)
    XCTAssertEqual(m, QuantizedMultiplier(multiplier: 1 << 30, shift: -2))
    // 100 * 0.125 = 12.5 -> 13 (ties away from zero), + zero point -3 = 10.
    XCTAssertEqual(requantize(100, m, outputZeroPoint: -3), 10)
    XCTAssertEqual(requantize(-100, m, outputZeroPoint: 0), -13)
    XCTAssertEqual(requantize(10_000, m, outputZeroPoint: 0), 127)
  }
}
