// PAD for 4-byte elements (float32; int32 moves the same bits): output rows written once, in order,
// with vector stores, instead of filling the whole output and then copying the input over it.

/// PAD of 4-byte elements.
public enum F32Pad {
  /// out = input placed at `before` in a tensor of `outDims` filled with `value` (as `Reference.pad`).
  public static func run(input: UnsafePointer<UInt32>, inDims: IndexVector, before: IndexVector,
                         output: UnsafeMutablePointer<UInt32>, outDims: IndexVector, value: UInt32) {
    let rank = inDims.count
    if rank == 0 || inDims.product == 0 || outDims.product == 0 {
      Reference.pad(input: input, inDims: inDims, before: before, output: output, outDims: outDims, value: value)
      return
    }
    let last = rank - 1
    let rowOut = outDims[last], rowIn = inDims[last], left = before[last]
    let rows = outDims.product / rowOut
    var position = IndexVector(count: rank)  // output coordinates of the current row (last unused)
    var src = input
    var dst = output
    for _ in 0..<rows {
      var inside = true
      for k in 0..<last where position[k] < before[k] || position[k] >= before[k] + inDims[k] { inside = false }
      if inside {
        fill(dst, left, value)
        copy(dst + left, src, rowIn)
        fill(dst + left + rowIn, rowOut - left - rowIn, value)
        src += rowIn
      } else {
        fill(dst, rowOut, value)
      }
      dst += rowOut
      var k = last - 1
      while k >= 0 {
        position[k] += 1
        if position[k] < outDims[k] { break }
        position[k] = 0
        k -= 1
      }
    }
  }

  @inline(__always)
  static func fill(_ p: UnsafeMutablePointer<UInt32>, _ n: Int, _ value: UInt32) {
    let v = SIMD8<UInt32>(repeating: value)
    var i = 0
    while i + 8 <= n {
      UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<UInt32>.self)
      i &+= 8
    }
    while i < n { p[i] = value; i &+= 1 }
  }

  @inline(__always)
  static func copy(_ dst: UnsafeMutablePointer<UInt32>, _ src: UnsafePointer<UInt32>, _ n: Int) {
    var i = 0
    while i + 8 <= n {
      UnsafeMutableRawPointer(dst + i).storeBytes(of: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<UInt32>.self),
                                                  as: SIMD8<UInt32>.self)
      i &+= 8
    }
    while i < n { dst[i] = src[i]; i &+= 1 }
  }
}
