// Reshape, transpose, concat, slice and pad: pure data movement, each pullback the inverse movement.

extension Tensor {
  /// The same elements viewed with a new shape; one extent may be -1 (inferred).
  public func reshaped(_ newShape: [Int]) -> Tensor {
    var s = newShape
    if let i = s.firstIndex(of: -1) {
      let known = s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
      precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
      s[i] = count / known
    }
    precondition(s.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
    return Tensor.record(s, data, [self]) { g in [g] }
  }

  /// Flattens every axis after the first: `[N, ...] -> [N, prod(...)]`.
  public func flattened() -> Tensor { reshaped([shape.first ?? 1, -1]) }

  /// Permutes axes: output axis `i` is input axis `perm[i]` (default: reverse).
  public func transposed(_ perm: [Int]? = nil) -> Tensor {
    let p = perm ?? Array((0..<rank).reversed())
    precondition(p.sorted() == Array(0..<rank), "bad permutation \(p) for rank \(rank)")
    let inStrides = ShapeMath.strides(shape)
    let outShape = p.map { shape[$0] }
    let mapped = p.map { inStrides[$0] }
    var out = [Float](repeating: 0, count: count)
    data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
      ShapeMath.forEachIndex(outShape, mapped) { i, j in o[i] = x[j] }
    } }
    let n = count
    return Tensor.record(outShape, out, [self]) { g in
      var r = [Float](repeating: 0, count: n)
      ShapeMath.forEachIndex(outShape, mapped) { i, j in r[j] = g[i] }
      return [r]
    }
  }

  /// Joins tensors along `axis`; all other extents must agree.
  public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concat of no tensors")
    let first = tensors[0]
    let ax = ShapeMath.axis(axis, rank: first.rank)
    for t in tensors {
      precondition(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == ax || t.shape[$0] == first.shape[$0] },
                   "concat: shape \(t.shape) does not match \(first.shape) off axis \(ax)")
    }
    let outer = first.shape[..<ax].reduce(1, *)
    let inner = first.shape[(ax + 1)...].reduce(1, *)
    let widths = tensors.map { $0.shape[ax] * inner }
    let total = widths.reduce(0, +)
    var out = [Float](repeating: 0, count: outer * total)
    var offset = 0
    for (t, w) in zip(tensors, widths) {
      for o in 0..<outer { for k in 0..<w { out[o * total + offset + k] = t.data[o * w + k] } }
      offset += w
    }
    var outShape = first.shape
    outShape[ax] = widths.reduce(0, +) / Swift.max(inner, 1)
    return record(outShape, out, tensors) { g in
      var grads: [[Float]?] = []
      var off = 0
      for w in widths {
        var r = [Float](repeating: 0, count: outer * w)
        for o in 0..<outer { for k in 0..<w { r[o * w + k] = g[o * total + off + k] } }
        grads.append(r)
        off += w
      }
      return grads
    }
  }

  /// The block starting at `start` with extents `size` (a size of -1 runs to the end of the axis).
  public func slice(start: [Int], size: [Int]) -> Tensor {
    precondition(start.count == rank && size.count == rank, "slice needs \(rank) starts and sizes")
    let sz = (0..<rank).map { size[$0] < 0 ? shape[$0] - start[$0] : size[$0] }
    for i in 0..<rank {
      precondition(start[i] >= 0 && sz[i] >= 0 && start[i] + sz[i] <= shape[i], "slice out of range on axis \(i)")
    }
    let st = ShapeMath.strides(shape)
    let base = zip(start, st).map(*).reduce(0, +)
    var out = [Float](repeating: 0, count: sz.reduce(1, *))
    data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
      ShapeMath.forEachIndex(sz, st) { i, j in o[i] = x[base + j] }
    } }
    let n = count
    return Tensor.record(sz, out, [self]) { g in
      var r = [Float](repeating: 0, count: n)
      ShapeMath.forEachIndex(sz, st) { i, j in r[base + j] = g[i] }
      return [r]
    }
  }

  /// Pads each axis with `paddings[i] = (before, after)` copies of `value`.
  public func padded(_ paddings: [(before: Int, after: Int)], value: Float = 0) -> Tensor {
    precondition(paddings.count == rank, "pad needs \(rank) (before, after) pairs")
    let outShape = (0..<rank).map { shape[$0] + paddings[$0].before + paddings[$0].after }
    let os = ShapeMath.strides(outShape)
    let base = (0..<rank).map { paddings[$0].before * os[$0] }.reduce(0, +)
    var out = [Float](repeating: value, count: outShape.reduce(1, *))
    data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
      ShapeMath.forEachIndex(shape, os) { i, j in o[base + j] = x[i] }
    } }
    let inShape = shape, n = count
    return Tensor.record(outShape, out, [self]) { g in
      var r = [Float](repeating: 0, count: n)
      ShapeMath.forEachIndex(inShape, os) { i, j in r[i] = g[base + j] }
      return [r]
    }
  }
}
