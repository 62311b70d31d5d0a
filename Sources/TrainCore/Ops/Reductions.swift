// Sum, mean and max over axes. Mean is a composition of sum and a scalar product.

extension Tensor {
  /// The reduced shapes: with kept unit axes and with them dropped.
  func reducedShapes(_ axes: [Int]?) -> (kept: [Int], dropped: [Int]) {
    let ax = Set((axes ?? Array(0..<rank)).map { ShapeMath.axis($0, rank: rank) })
    var kept = shape, dropped: [Int] = []
    for i in 0..<rank {
      if ax.contains(i) { kept[i] = 1 } else { dropped.append(shape[i]) }
    }
    return (kept, dropped)
  }

  /// Sums over `axes` (all axes when `nil`); `keepDims` keeps reduced axes with extent one.
  public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    let (kept, dropped) = reducedShapes(axes)
    let n = kept.reduce(1, *)
    var out = [Float](repeating: 0, count: n)
    if n == 1 {
      var s: Double = 0
      for v in data { s += Double(v) }
      out[0] = Float(s)
    } else {
      let dst = ShapeMath.broadcastStrides(kept, to: shape)
      data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
        ShapeMath.forEachIndex(shape, dst) { i, j in o[j] += x[i] }
      } }
    }
    let inShape = shape
    return Tensor.record(keepDims ? kept : dropped, out, [self]) { g in
      [ShapeMath.expand(g, from: kept, to: inShape)]
    }
  }

  /// Averages over `axes` (all axes when `nil`).
  public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    let (kept, _) = reducedShapes(axes)
    let n = count / Swift.max(kept.reduce(1, *), 1)
    return sum(axes: axes, keepDims: keepDims) * (1 / Float(n))
  }

  /// Maximum over `axes`; the gradient flows to the first maximal element of each slice.
  public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    let (kept, dropped) = reducedShapes(axes)
    let n = kept.reduce(1, *)
    var out = [Float](repeating: -.infinity, count: n)
    var arg = [Int](repeating: -1, count: n)
    let dst = ShapeMath.broadcastStrides(kept, to: shape)
    data.withUnsafeBufferPointer { x in
      ShapeMath.forEachIndex(shape, dst) { i, j in
        if x[i] > out[j] || arg[j] < 0 { out[j] = x[i]; arg[j] = i }
      }
    }
    let total = count
    return Tensor.record(keepDims ? kept : dropped, out, [self]) { g in
      var r = [Float](repeating: 0, count: total)
      for j in 0..<g.count { r[arg[j]] += g[j] }
      return [r]
    }
  }
}
