extension Reference {
  /// Float LEAKY_RELU: x > 0 ? x : alpha · x.
  @inlinable
  public static func leakyRelu(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int,
                               alpha: Float) {
    for i in 0..<count {
      let x = input[i]
      output[i] = x > 0 ? x : x * alpha
    }
  }

  /// Int8 LEAKY_RELU: (x − z_in) rescaled by s_in/s_out when ≥ 0, by alpha·s_in/s_out otherwise.
  @inlinable
  public static func leakyReluInt8(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int,
                                   params p: LeakyReluQuantParams) {
    for i in 0..<count {
      let x = Int32(input[i]) &- p.inputZeroPoint
      let scaled = x >= 0 ? p.identity.apply(x) : p.alpha.apply(x)
      let r = p.outputZeroPoint &+ scaled
      output[i] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, -128), 127))
    }
  }
}
