extension OpResolver {
  /// Registers the convolution, pooling and matrix-product kernels.
  public mutating func addConvolutionKernels() {
    add(FullyConnected.registration)
  }
}
