extension OpResolver {
  /// Registers the data-movement kernels: reshape, transpose, concatenation, padding, slicing,
  /// gathering, resizing and reductions.
  public mutating func addShapeKernels() {
  }
}
