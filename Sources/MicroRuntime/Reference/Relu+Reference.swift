extension Reference {
  /// Float RELU / RELU6: min(max(x, low), high) (a NaN input gives `low`, like std::max(0, x)).
  @inlinable
  public static func relu(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int,
                          low: Float, high: Float) {
    for i in 0..<count {
      let x = input[i]
      let lower = low < x ? x : low
      output[i] = lower > high ? high : lower
    }
  }

  /// Int8 RELU / RELU6: rescale (x − z_in) to the output scale, add z_out, clamp to the bounds.
  @inlinable
  public static func reluInt8(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int,
                              params p: ReluQuantParams) {
    for i in 0..<count {
      let r = p.outputZeroPoint &+ p.multiplier.apply(Int32(input[i]) &- p.inputZeroPoint)
      output[i] = Int8(truncatingIfNeeded: Swift.min(Swift.max(r, p.low), p.high))
    }
  }
}
