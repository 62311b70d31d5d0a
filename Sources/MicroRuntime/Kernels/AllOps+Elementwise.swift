extension OpResolver {
  /// Registers the elementwise arithmetic, activation and (de)quantization kernels.
  public mutating func addElementwiseKernels() {
    add(Add.registration)
    add(Sub.registration)
    add(Mul.registration)
    add(Div.registration)
    add(Maximum.registration)
    add(Minimum.registration)
  }
}
