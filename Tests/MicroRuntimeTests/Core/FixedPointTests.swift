import MicroRuntime
import MoteTestSupport
import XCTest

/// Fixed-point arithmetic against values derived by hand from the definitions (Q31 mantissas,
/// round-half-away-from-zero, gemmlowp's nudge for SaturatingRoundingDoublingHighMul).
final class FixedPointTests: XCTestCase {
  private func qm(_ m: Int32, _ s: Int32) -> QuantizedMultiplier { QuantizedMultiplier(multiplier: m, shift: s) }

  func testQuantizeMultiplierExactPowersAndFractions() {
    XCTAssertEqual(QuantizedMultiplier(0.5), qm(1 << 30, 0))                 // 0.5 = 0.5·2^0
    XCTAssertEqual(QuantizedMultiplier(1.0), qm(1 << 30, 1))                 // 1 = 0.5·2^1
    XCTAssertEqual(QuantizedMultiplier(0.75), qm(1_610_612_736, 0))          // 0.75·2^31
    XCTAssertEqual(QuantizedMultiplier(3.0), qm(1_610_612_736, 2))           // 0.75·2^2
    XCTAssertEqual(QuantizedMultiplier(0.1), qm(1_717_986_918, -3))          // 0.8·2^31 = 1717986918.4
  }

  func testQuantizeMultiplierRoundingUpToTwoToThe31Renormalizes() {
    // q = 1 − 2^-40 rounds to 2^31 in Q31: the mantissa halves and the exponent grows.
    XCTAssertEqual(QuantizedMultiplier(1 - 0x1p-40), qm(1 << 30, 1))
  }

  func testQuantizeMultiplierNegativeRealsKeepTheirSign() {
    XCTAssertEqual(QuantizedMultiplier(-0.75), qm(-1_610_612_736, 0))
    XCTAssertEqual(QuantizedMultiplier(-0.5).apply(100), -50)
    XCTAssertEqual(QuantizedMultiplier(-0.5).apply(-100), 50)
  }

  func testQuantizeMultiplierTinyHugeAndNonFinite() {
    XCTAssertEqual(QuantizedMultiplier(0x1p-32), qm(1 << 30, -31))          // smallest kept exponent
    XCTAssertEqual(QuantizedMultiplier(0x1p-33), qm(0, 0))                  // exponent −32: flushed
    XCTAssertEqual(QuantizedMultiplier(0x1p-1074), qm(0, 0))                // subnormal
    XCTAssertEqual(QuantizedMultiplier(0x1p40), qm(1 << 30, 41))
    XCTAssertEqual(QuantizedMultiplier(0), qm(0, 0))
    XCTAssertEqual(QuantizedMultiplier(.infinity), qm(0, 0))
    XCTAssertEqual(QuantizedMultiplier(.nan), qm(0, 0))
  }

  func testSaturatingRoundingDoublingHighMul() {
    XCTAssertEqual(saturatingRoundingDoublingHighMul(3, 1 << 30), 2)         // 1.5 → 2
    XCTAssertEqual(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1)       // −1.5 → −1: gemmlowp's nudge 1 − 2^30
    XCTAssertEqual(saturatingRoundingDoublingHighMul(-5, 1 << 30), -2)       // −2.5 → −2
    XCTAssertEqual(saturatingRoundingDoublingHighMul(Int32.min, Int32.min), Int32.max)   // the one overflow
    XCTAssertEqual(saturatingRoundingDoublingHighMul(Int32.max, Int32.max), 2_147_483_646)
    XCTAssertEqual(saturatingRoundingDoublingHighMul(Int32.min, Int32.max), -2_147_483_647)
    XCTAssertEqual(saturatingRoundingDoublingHighMul(12345, 0), 0)
  }

  func testRoundingDivideByPowerOfTwoTiesAwayFromZero() {
    XCTAssertEqual(roundingDivideByPowerOfTwo(5, 1), 3)
    XCTAssertEqual(roundingDivideByPowerOfTwo(-5, 1), -3)
    XCTAssertEqual(roundingDivideByPowerOfTwo(-3, 1), -2)
    XCTAssertEqual(roundingDivideByPowerOfTwo(-7, 2), -2)                    // −1.75
    XCTAssertEqual(roundingDivideByPowerOfTwo(6, 2), 2)                      // 1.5
    XCTAssertEqual(roundingDivideByPowerOfTwo(Int32.min, 0), Int32.min)
    XCTAssertEqual(roundingDivideByPowerOfTwo(Int32.max, 31), 1)             // 0.99999...
    XCTAssertEqual(roundingDivideByPowerOfTwo(Int32.min, 31), -1)            // exactly −1
    XCTAssertEqual(roundingDivideByPowerOfTwo(1 << 30, 31), 1)               // 0.5 → 1
    XCTAssertEqual(roundingDivideByPowerOfTwo(-(1 << 30), 31), -1)           // −0.5 → −1
  }

  func testApplyShiftsAtTheLimits() {
    XCTAssertEqual(qm(1 << 30, 1).apply(5), 5)                                // ×1
    XCTAssertEqual(qm(1 << 30, 30).apply(1), 1 << 29)                         // 0.5·2^30
    // Shift 31: x·2^31 leaves int32 before the multiply; it wraps (as LiteRT's int arithmetic
    // does in practice) rather than trapping: 1·2^31 → Int32.min, times 0.5 → −2^30.
    XCTAssertEqual(qm(1 << 30, 31).apply(1), -(1 << 30))
    XCTAssertEqual(qm(1 << 30, -31).apply(Int32.max), 1)                      // 2^30 / 2^31 → 0.5 → 1
    XCTAssertEqual(qm(1 << 30, -31).apply(Int32.min), -1)
    XCTAssertEqual(qm(0, 0).apply(Int32.max), 0)                              // multiplier 0
    XCTAssertEqual(qm(0, 0).apply(Int32.min), 0)
    XCTAssertEqual(QuantizedMultiplier(0.1).apply(25), 3)                     // 2.5 → 3 (rounded once more)
  }

  func testSaturatingRoundingMultiplyByPOT() {
    XCTAssertEqual(saturatingRoundingMultiplyByPOT(3, 2), 12)
    XCTAssertEqual(saturatingRoundingMultiplyByPOT(1 << 29, 2), Int32.max)
    XCTAssertEqual(saturatingRoundingMultiplyByPOT(-(1 << 29), 2), Int32.min)
    XCTAssertEqual(saturatingRoundingMultiplyByPOT(-7, -1), -4)
    XCTAssertEqual(saturatingRoundingMultiplyByPOT(1, 40), Int32.max)
  }

  func testExpOnNegativeValues() {
    XCTAssertEqual(expOnNegativeValuesQ5(0), Int32.max)
    // e^x·2^31 for x = −1/4, −1, −2.5, −10 (Q5.26 inputs): gemmlowp's polynomial and barrel
    // shifter are good to about 2^-22 relative (≤ 1024 LSB near 2^31).
    for (x, e) in [(-0.25, 0.7788007830714049), (-1.0, 0.36787944117144233), (-2.5, 0.0820849986238988),
                   (-10.0, 4.5399929762484854e-05)] {
      let got = Double(expOnNegativeValuesQ5(Int32(x * 0x1p26)))
      XCTAssertEqual(got, e * 0x1p31, accuracy: 1024, "x = \(x)")
    }
    // Below −32 the barrel shifter has run out: everything left is e^-31.75-ish, i.e. ~0.
    XCTAssertLessThanOrEqual(expOnNegativeValuesQ5(Int32.min + 1), 1)
  }

  func testReciprocal() {
    XCTAssertEqual(Double(oneOverOnePlusX(0)), 0x1p31, accuracy: 4)                       // 1/1
    XCTAssertEqual(Double(oneOverOnePlusX(1 << 30)), 0x1p31 * 2 / 3, accuracy: 4)         // 1/1.5
    let (m, bits) = reciprocal(3, integerBits: 31)                                        // 1/3 = (2/3)·2^-1
    XCTAssertEqual(bits, 1)
    XCTAssertEqual(Double(m), 0x1p31 * 2 / 3, accuracy: 4)
    let (m1, bits1) = reciprocal(1, integerBits: 31)                                      // 1/1
    XCTAssertEqual(bits1, 0)
    XCTAssertEqual(Double(m1), 0x1p31, accuracy: 4)
  }

  func testCountLeadingSignBits() {
    XCTAssertEqual(countLeadingSignBits(0), 31)
    XCTAssertEqual(countLeadingSignBits(1), 30)
    XCTAssertEqual(countLeadingSignBits(-1), 31)
    XCTAssertEqual(countLeadingSignBits(255), 23)
    XCTAssertEqual(countLeadingSignBits(-256), 23)
    XCTAssertEqual(countLeadingSignBits(Int32.max), 0)
    XCTAssertEqual(countLeadingSignBits(Int32.min), 0)
  }

  func testInt16Helpers() {
    XCTAssertEqual(saturatingRoundingDoublingHighMul16(.min, .min), .max)
    XCTAssertEqual(saturatingRoundingDoublingHighMul16(16384, 16384), 8192)
    XCTAssertEqual(saturatingRoundingDoublingHighMul16(3, 16384), 2)               // 1.5 → 2
    XCTAssertEqual(saturatingDoublingHighMul16(-3, 16384), -1)                     // −1.5 truncated toward 0
    XCTAssertEqual(saturatingDoublingHighMul16(3, 16384), 1)
    XCTAssertEqual(saturatingDoublingHighMul16(.min, .min), .max)
    XCTAssertEqual(roundingDivideByPowerOfTwo16(-5, 1), -3)
    XCTAssertEqual(roundingDivideByPowerOfTwo16(5, 1), 3)
    XCTAssertEqual(saturatingLeftShift16(20000, 1), .max)
    XCTAssertEqual(saturatingLeftShift16(-20000, 1), .min)
    XCTAssertEqual(saturatingLeftShift16(-3, 2), -12)
    XCTAssertEqual(downScaleMultiplierTo16(1 << 30), 16384)
    XCTAssertEqual(downScaleMultiplierTo16((1 << 30) + (1 << 15)), 16385)           // 16384.5 rounds up
    XCTAssertEqual(downScaleMultiplierTo16(Int32.max), .max)
  }
}
