// The operator set of the digits models (`mote train --arch digits-mlp|digits-cnn`, converted float or
// int8 with float or int8 I/O). `OPS=digits toolchains/build.sh` compiles this file in place of
// Kernels/AllOps.swift, so only these kernels are linked: the code-size figure for a small app.
extension OpResolver {
  /// The kernels the digits models need.
  public static var allOps: OpResolver {
    var r = OpResolver()
    r.add(Conv2D.registration)
    r.add(MaxPool2D.registration)
    r.add(Reshape.registration)
    r.add(FullyConnected.registration)
    r.add(Softmax.registration)
    r.add(Quantize.registration)
    r.add(Dequantize.registration)
    return r
  }
}
