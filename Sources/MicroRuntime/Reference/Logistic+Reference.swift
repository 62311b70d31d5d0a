extension Reference {
  /// Float LOGISTIC: 1 / (1 + e^−x).
  @inlinable
  public static func logistic(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { output[i] = MicroMath.logistic(input[i]) }
  }
}
