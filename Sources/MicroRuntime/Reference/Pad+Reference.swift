extension Reference {
  /// PAD / PADV2: output[i] = input[i - before] where every coordinate lies inside the input,
  /// `value` elsewhere. Shapes have the same rank; out = in + before + after per dimension.
  public static func pad<T>(input: UnsafePointer<T>, inDims: IndexVector, before: IndexVector,
                            output: UnsafeMutablePointer<T>, outDims: IndexVector, value: T) {
    let rank = inDims.count
    let total = outDims.product
    for i in 0..<total { output[i] = value }
    if inDims.product == 0 { return }
    if rank == 0 {
      output[0] = input[0]
      return
    }
    // Copy the input row by row (rows run along the last dimension).
    var outStrides = IndexVector(count: rank)
    var acc = 1
    var d = rank - 1
    while d >= 0 { outStrides[d] = acc; acc *= outDims[d]; d -= 1 }
    let rowLength = inDims[rank - 1]
    let rows = inDims.product / rowLength
    var position = IndexVector(count: rank)
    for r in 0..<rows {
      var dst = before[rank - 1]
      for k in 0..<(rank - 1) { dst += (position[k] + before[k]) * outStrides[k] }
      for j in 0..<rowLength { output[dst + j] = input[r * rowLength + j] }
      var k = rank - 2
      while k >= 0 {
        position[k] += 1
        if position[k] < inDims[k] { break }
        position[k] = 0
        k -= 1
      }
    }
  }

  /// `pad` for elements of `elementSize` bytes; `value` points at one element.
  public static func pad(elementSize: Int, input: UnsafeRawPointer, inDims: IndexVector, before: IndexVector,
                         output: UnsafeMutableRawPointer, outDims: IndexVector, value: UnsafeRawPointer) {
    switch elementSize {
    case 1:
      pad(input: input.assumingMemoryBound(to: UInt8.self), inDims: inDims, before: before,
          output: output.assumingMemoryBound(to: UInt8.self), outDims: outDims, value: value.loadUnaligned(as: UInt8.self))
    case 2:
      pad(input: input.assumingMemoryBound(to: UInt16.self), inDims: inDims, before: before,
          output: output.assumingMemoryBound(to: UInt16.self), outDims: outDims, value: value.loadUnaligned(as: UInt16.self))
    case 4:
      pad(input: input.assumingMemoryBound(to: UInt32.self), inDims: inDims, before: before,
          output: output.assumingMemoryBound(to: UInt32.self), outDims: outDims, value: value.loadUnaligned(as: UInt32.self))
    default:
      pad(input: input.assumingMemoryBound(to: UInt64.self), inDims: inDims, before: before,
          output: output.assumingMemoryBound(to: UInt64.self), outDims: outDims, value: value.loadUnaligned(as: UInt64.self))
    }
  }
}
