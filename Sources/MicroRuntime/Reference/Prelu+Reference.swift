extension Reference {
  /// Float PRELU: x ≥ 0 ? x : x · alpha, alpha broadcast per `layout`.
  @inlinable
  public static func prelu(_ input: UnsafePointer<Float>, alpha: UnsafePointer<Float>,
                           _ output: UnsafeMutablePointer<Float>, layout: BroadcastLayout) {
    layout.forEach { o, i, a in
      let x = input[i]
      output[o] = x >= 0 ? x : x * alpha[a]
    }
  }

  /// Int8 PRELU: (x − z_in) rescaled by s_in/s_out when ≥ 0, else (x − z_in)(α − z_α) rescaled by
  /// s_in·s_α/s_out; plus z_out, saturated.
  @inlinable
  public static func preluInt8(_ input: UnsafePointer<Int8>, alpha: UnsafePointer<Int8>,
                               _ output: UnsafeMutablePointer<Int8>, layout: BroadcastLayout,
                               params p: PreluQuantParams) {
    layout.forEach { o, i, a in
      let x = Int32(input[i]) &+ p.inputOffset
      let scaled = x >= 0 ? p.identity.apply(x) : p.alpha.apply(x &* (Int32(alpha[a]) &+ p.alphaOffset))
      let r = scaled &+ p.outputOffset
      output[o] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, -128), 127))
    }
  }
}
