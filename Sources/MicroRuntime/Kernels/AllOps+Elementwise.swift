extension OpResolver {
  /// Registers the elementwise arithmetic, activation and (de)quantization kernels.
  public mutating func addElementwiseKernels() {
  }
}
