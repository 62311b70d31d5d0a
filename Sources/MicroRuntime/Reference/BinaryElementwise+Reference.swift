extension Reference {
  /// Float binary elementwise op with broadcasting: out[o] = clamp(f(a[ia], b[ib])).
  @inlinable
  public static func binary<F: FloatBinaryFunction>(
    _: F.Type, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    layout: BroadcastLayout, clamp: FloatClamp
  ) {
    layout.forEach { o, ia, ib in output[o] = clamp.apply(F.apply(a[ia], b[ib])) }
  }

  /// Int8 ADD (or SUB when `subtract`): both inputs are shifted left by `leftShift`, rescaled to a
  /// common scale (twice the larger input scale), added, and rescaled to the output scale.
  @inlinable
  public static func addSubInt8(
    a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
    layout: BroadcastLayout, params p: BinaryQuantParams, subtract: Bool
  ) {
    layout.forEach { o, ia, ib in
      let x = p.multiplierA.apply((Int32(a[ia]) &+ p.offsetA) &<< p.leftShift)
      let y = p.multiplierB.apply((Int32(b[ib]) &+ p.offsetB) &<< p.leftShift)
      let sum = subtract ? x &- y : x &+ y
      let r = p.multiplierOut.apply(sum) &+ p.outputOffset
      output[o] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, p.clamp.low), p.clamp.high))
    }
  }

  /// Int8 MUL: (a − za)(b − zb) rescaled by sa·sb/so, plus the output zero point.
  @inlinable
  public static func mulInt8(
    a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
    layout: BroadcastLayout, params p: BinaryQuantParams
  ) {
    layout.forEach { o, ia, ib in
      let product = (Int32(a[ia]) &+ p.offsetA) &* (Int32(b[ib]) &+ p.offsetB)
      let r = p.multiplierOut.apply(product) &+ p.outputOffset
      output[o] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, p.clamp.low), p.clamp.high))
    }
  }

  /// Int8 MAXIMUM (or MINIMUM when `!maximum`) of two tensors sharing one quantization.
  @inlinable
  public static func maxMinInt8(
    a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
    layout: BroadcastLayout, maximum: Bool
  ) {
    layout.forEach { o, ia, ib in
      let x = a[ia]
      let y = b[ib]
      output[o] = maximum ? (x > y ? x : y) : (x < y ? x : y)
    }
  }
}
