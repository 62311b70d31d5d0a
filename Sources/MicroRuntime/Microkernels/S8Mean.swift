// Int8 MEAN over the spatial axes of an NHWC tensor (global average pooling, as in MobileNet): the
// int32 sums of each channel over all pixels, a loop over channels that vectorizes; the reference's
// requantization of the sums then finishes the mean, so the result is bit-identical.

/// sums[b · C + c] = Σ_p input[(b · pixels + p) · C + c].
public func s8SpatialSums(_ input: UnsafePointer<Int8>, batches: Int, pixels: Int, channels: Int,
                          sums: UnsafeMutablePointer<Int32>) {
  for b in 0..<batches {
    let s = sums + b * channels
    for c in 0..<channels { s[c] = 0 }
    var x = input + b * pixels * channels
    for _ in 0..<pixels {
      for c in 0..<channels { s[c] &+= Int32(x[c]) }
      x += channels
    }
  }
}
