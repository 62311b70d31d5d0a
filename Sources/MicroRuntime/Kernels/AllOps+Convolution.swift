extension OpResolver {
  /// Registers the convolution, pooling and matrix-product kernels.
  public mutating func addConvolutionKernels() {
    add(FullyConnected.registration)
    add(Conv2D.registration)
    add(DepthwiseConv2D.registration)
    add(AveragePool2D.registration)
    add(MaxPool2D.registration)
    add(BatchMatMul.registration)
  }
}
