extension Reference {
  /// Strided gather: output (contiguous, shape `outDims`) element at index (i0, ..., ik) is
  /// input[start + sum_j i_j * strides[j]]. TRANSPOSE, SLICE and STRIDED_SLICE are this loop with
  /// different strides. Strides may be negative; the caller checked every visited index is in bounds.
  public static func stridedCopy<T>(input: UnsafePointer<T>, start: Int, strides: IndexVector,
                                    outDims: IndexVector, output: UnsafeMutablePointer<T>) {
    let rank = outDims.count
    let total = outDims.product
    var position = IndexVector(count: rank)
    var src = start
    var o = 0
    while o < total {
      output[o] = input[src]
      o += 1
      var k = rank - 1
      while k >= 0 {
        position[k] += 1
        src += strides[k]
        if position[k] < outDims[k] { break }
        src -= strides[k] * outDims[k]
        position[k] = 0
        k -= 1
      }
    }
  }

  /// `stridedCopy` for elements of `elementSize` bytes (1, 2, 4 or 8), moved as unsigned integers.
  public static func stridedCopy(elementSize: Int, input: UnsafeRawPointer, start: Int, strides: IndexVector,
                                 outDims: IndexVector, output: UnsafeMutableRawPointer) {
    switch elementSize {
    case 1:
      stridedCopy(input: input.assumingMemoryBound(to: UInt8.self), start: start, strides: strides, outDims: outDims,
                  output: output.assumingMemoryBound(to: UInt8.self))
    case 2:
      stridedCopy(input: input.assumingMemoryBound(to: UInt16.self), start: start, strides: strides, outDims: outDims,
                  output: output.assumingMemoryBound(to: UInt16.self))
    case 4:
      stridedCopy(input: input.assumingMemoryBound(to: UInt32.self), start: start, strides: strides, outDims: outDims,
                  output: output.assumingMemoryBound(to: UInt32.self))
    default:
      stridedCopy(input: input.assumingMemoryBound(to: UInt64.self), start: start, strides: strides, outDims: outDims,
                  output: output.assumingMemoryBound(to: UInt64.self))
    }
  }

  /// Block interleave, the core of CONCATENATION, PACK, SPLIT and UNPACK: for each of `outer`
  /// rows, `blockBytes` bytes go from `src + row * srcRowBytes` to `dst + row * dstRowBytes`.
  public static func copyRows(src: UnsafeRawPointer, srcRowBytes: Int, dst: UnsafeMutableRawPointer, dstRowBytes: Int,
                              blockBytes: Int, outer: Int) {
    if blockBytes == 0 { return }
    for row in 0..<outer {
      (dst + row * dstRowBytes).copyMemory(from: src + row * srcRowBytes, byteCount: blockBytes)
    }
  }
}
