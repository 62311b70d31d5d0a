extension Reference {
  /// Float SOFTMAX over rows of `depth`: e^(β(x − max)) / Σ, the sum taken in float.
  @inlinable
  public static func softmax(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                             outer: Int, depth: Int, beta: Float) {
    for r in 0..<outer {
      let x = input + r * depth
      let y = output + r * depth
      var maximum = -Float.greatestFiniteMagnitude
      for c in 0..<depth where x[c] > maximum { maximum = x[c] }
      var sum: Float = 0
      for c in 0..<depth {
        let e = MicroMath.exp((x[c] - maximum) * beta)
        y[c] = e
        sum += e
      }
      let reciprocal = 1 / sum
      for c in 0..<depth { y[c] *= reciprocal }
    }
  }

  /// Int8 SOFTMAX over rows of `depth` (output scale 1/256, zero point −128): each difference to
  /// the row maximum is scaled by β·s_in into Q5.26, exponentiated into Q0.31, summed in Q12.19;
  /// each output is its exponential times the sum's reciprocal, rounded to 1/256 steps.
  public static func softmaxInt8(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>,
                                 outer: Int, depth: Int, inputMultiplier: QuantizedMultiplier, diffMin: Int32) {
    let accumulationIntegerBits: Int32 = 12
    for r in 0..<outer {
      let x = input + r * depth
      let y = output + r * depth
      var maximum = Int8.min
      for c in 0..<depth where x[c] > maximum { maximum = x[c] }
      var sum: Int32 = 0
      for c in 0..<depth {
        let diff = Int32(x[c]) - Int32(maximum)
        if diff >= diffMin {
          let e = expOnNegativeValuesQ5(inputMultiplier.apply(diff))
          sum = sum &+ roundingDivideByPowerOfTwo(e, accumulationIntegerBits)
        }
      }
      let (scale, bitsOverUnit) = reciprocal(sum, integerBits: accumulationIntegerBits)
      let shift = Swift.min(Swift.max(bitsOverUnit + 31 - 8, 0), 31)
      for c in 0..<depth {
        let diff = Int32(x[c]) - Int32(maximum)
        if diff >= diffMin {
          let e = expOnNegativeValuesQ5(inputMultiplier.apply(diff))
          let unsaturated = roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(scale, e), shift)
          y[c] = Int8(Swift.min(Swift.max(unsaturated &- 128, -128), 127))
        } else {
          y[c] = -128
        }
      }
    }
  }
}
