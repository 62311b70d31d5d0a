extension Reference {
  /// Int8 DIV, as LiteRT's reference kernel: with a = x_a − z_a and b = x_b − z_b (signs moved so
  /// b > 0), a is normalized to use all 31 bits, multiplied by the Q0.31 reciprocal of b
  /// (Newton-Raphson), and the quotient rescaled by s_a / (s_b·s_out) with the accumulated shift.
  ///
  /// LiteRT leaves b = 0 undefined; Mote saturates: a > 0 gives the clamp's top, a < 0 its
  /// bottom, 0/0 the output zero point. Shifts past 31 bits (possible only for extreme scale
  /// ratios, where LiteRT's shifts are undefined) round to 0.
  @inlinable
  public static func divInt8(
    a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
    layout: BroadcastLayout, params p: BinaryQuantParams
  ) {
    layout.forEach { o, ia, ib in
      var x = Int32(a[ia]) &+ p.offsetA
      var y = Int32(b[ib]) &+ p.offsetB
      var r: Int32
      if y == 0 {
        r = x > 0 ? p.clamp.high : (x < 0 ? p.clamp.low : p.outputOffset)
      } else {
        if y < 0 {
          x = -x
          y = -y
        }
        let (inverse, reciprocalShift) = reciprocal(y, integerBits: 31)
        let headroom = countLeadingSignBits(x)
        let unscaled = saturatingRoundingDoublingHighMul(x << headroom, inverse)
        let totalShift = p.multiplierOut.shift - reciprocalShift - headroom
        let m = QuantizedMultiplier(multiplier: p.multiplierOut.multiplier, shift: Swift.max(totalShift, -31))
        r = p.outputOffset &+ m.apply(unscaled)
      }
      output[o] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, p.clamp.low), p.clamp.high))
    }
  }
}
