extension Reference {
  /// Float TANH.
  @inlinable
  public static func tanh(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { output[i] = MicroMath.tanh(input[i]) }
  }
}
