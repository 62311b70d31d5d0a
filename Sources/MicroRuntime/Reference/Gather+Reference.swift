extension Reference {
  /// GATHER over bytes: params viewed as [batch, outer, axisSize, inner] (inner in bytes), indices
  /// as [batch, coords]; output[b, o, i, :] = params[b, o, indices[b, i], :]. Throws
  /// `.indexOutOfRange` for an index outside 0..<axisSize (the value comes from data).
  public static func gather(params: UnsafeRawPointer, indices: TensorView, output: UnsafeMutableRawPointer,
                            batch: Int, outer: Int, axisSize: Int, innerBytes: Int, coords: Int,
                            op: Int32) throws(MicroError) {
    for b in 0..<batch {
      for o in 0..<outer {
        let src = params + (b * outer + o) * axisSize * innerBytes
        let dst = output + (b * outer + o) * coords * innerBytes
        for i in 0..<coords {
          let index = indices.index(b * coords + i)
          if index < 0 || index >= axisSize {
            throw MicroError(.indexOutOfRange, op: op, tensor: indices.index, expected: Int64(axisSize), found: Int64(index))
          }
          (dst + i * innerBytes).copyMemory(from: src + index * innerBytes, byteCount: innerBytes)
        }
      }
    }
  }
}
