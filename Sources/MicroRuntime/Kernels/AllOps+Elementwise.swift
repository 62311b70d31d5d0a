extension OpResolver {
  /// Registers the elementwise arithmetic, activation and (de)quantization kernels.
  public mutating func addElementwiseKernels() {
    add(Add.registration)
    add(Sub.registration)
    add(Mul.registration)
    add(Div.registration)
    add(Maximum.registration)
    add(Minimum.registration)
    add(Softmax.registration)
    add(Logistic.registration)
    add(Tanh.registration)
    add(Relu.registration)
    add(Relu6.registration)
    add(LeakyRelu.registration)
    add(Prelu.registration)
    add(HardSwish.registration)
    add(Quantize.registration)
    add(Dequantize.registration)
  }
}
