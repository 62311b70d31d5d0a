extension OpResolver {
  /// Registers the data-movement kernels: reshape, transpose, concatenation, padding, slicing,
  /// gathering, resizing and reductions.
  public mutating func addShapeKernels() {
    add(Reshape.registration)
    add(Squeeze.registration)
    add(ExpandDims.registration)
    add(Shape.registration)
    add(Transpose.registration)
    add(Concatenation.registration)
    add(Pack.registration)
    add(Unpack.registration)
    add(Split.registration)
    add(SplitV.registration)
    add(Pad.registration)
    add(PadV2.registration)
    add(StridedSlice.registration)
    add(Slice.registration)
    add(Gather.registration)
    add(ResizeBilinear.registration)
    add(ResizeNearestNeighbor.registration)
    add(Mean.registration)
    add(Sum.registration)
  }
}
