extension Reference {
  /// Float FULLY_CONNECTED: output[b, u] = clamp(bias[u] + sum_i input[b, i] * weights[u, i]).
  public static func fullyConnected(
    input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, batches: Int, inputSize: Int, units: Int, clamp: FloatClamp
  ) {
    for b in 0..<batches {
      let x = input + b * inputSize
      for u in 0..<units {
        let w = weights + u * inputSize
        var acc: Float = 0
        for i in 0..<inputSize { acc += x[i] * w[i] }
        if let bias { acc += bias[u] }
        output[b * units + u] = clamp.apply(acc)
      }
    }
  }
}
