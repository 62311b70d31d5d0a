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

extension Reference {
  /// Int8 FULLY_CONNECTED: acc = bias[u] + Σ_i (input[b, i] + inputOffset) · weights[u, i] (weights
  /// symmetric), then unit u's requantization, output offset and clamp.
  public static func fullyConnected(
    input: UnsafePointer<Int8>, weights: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
    output: UnsafeMutablePointer<Int8>, batches: Int, inputSize: Int, units: Int,
    requantization q: ChannelRequantization
  ) {
    for b in 0..<batches {
      let x = input + b * inputSize
      for u in 0..<units {
        let w = weights + u * inputSize
        var acc: Int32 = 0
        for i in 0..<inputSize { acc &+= (Int32(x[i]) &+ q.inputOffset) &* Int32(w[i]) }
        if let bias { acc &+= bias[u] }
        output[b * units + u] = q.output(acc, channel: u)
      }
    }
  }
}
