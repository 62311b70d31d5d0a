extension OpResolver {
  /// A resolver with every kernel MicroRuntime has. Apps that need only a few operators build
  /// their own resolver with just those registrations, and link only those kernels.
  public static var allOps: OpResolver {
    var r = OpResolver()
    r.addConvolutionKernels()
    r.addElementwiseKernels()
    r.addShapeKernels()
    return r
  }
}
