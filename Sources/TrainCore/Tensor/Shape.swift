/// Shape arithmetic shared by the operations and the autograd engine.
enum ShapeMath {
  /// Row-major strides of a shape.
  static func strides(_ shape: [Int]) -> [Int] {
    var s = [Int](repeating: 1, count: shape.count)
    var acc = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
    return s
  }

  /// The NumPy broadcast of two shapes, or `nil` when they are incompatible.
  static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
    let r = max(a.count, b.count)
    var out = [Int](repeating: 1, count: r)
    for i in 0..<r {
      let da = i < r - a.count ? 1 : a[i - (r - a.count)]
      let db = i < r - b.count ? 1 : b[i - (r - b.count)]
      if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
    }
    return out
  }

  /// Strides that read `shape` as if broadcast to `target` (zero stride on broadcast axes).
  static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let own = strides(shape)
    let off = target.count - shape.count
    var s = [Int](repeating: 0, count: target.count)
    for i in 0..<shape.count { s[i + off] = shape[i] == 1 ? 0 : own[i] }
    return s
  }

  /// Expands `data` of `shape` to `target` by repetition along broadcast axes.
  static func expand(_ data: [Float], from shape: [Int], to target: [Int]) -> [Float] {
    let n = target.reduce(1, *)
    if data.count == n { return data }
    if data.count == 1 { return [Float](repeating: data[0], count: n) }
    let src = broadcastStrides(shape, to: target)
    var out = [Float](repeating: 0, count: n)
    data.withUnsafeBufferPointer { d in
      out.withUnsafeMutableBufferPointer { o in
        forEachIndex(target, src) { i, j in o[i] = d[j] }
      }
    }
    return out
  }

  /// Sums `grad` of shape `from` down to `shape` over the axes that broadcasting expanded.
  static func reduce(_ grad: [Float], from: [Int], to shape: [Int]) -> [Float] {
    let n = shape.reduce(1, *)
    if grad.count == n { return grad }
    var out = [Float](repeating: 0, count: n)
    if n == 1 {
      var s: Float = 0
      for v in grad { s += v }
      out[0] = s
      return out
    }
    let dst = broadcastStrides(shape, to: from)
    grad.withUnsafeBufferPointer { g in
      out.withUnsafeMutableBufferPointer { o in
        forEachIndex(from, dst) { i, j in o[j] += g[i] }
      }
    }
    return out
  }

  /// Calls `body(linear, mapped)` for every index of `shape` in row-major order, where `mapped`
  /// is the dot product of the multi-index with `mapStrides`.
  @inline(__always)
  static func forEachIndex(_ shape: [Int], _ mapStrides: [Int], _ body: (Int, Int) -> Void) {
    let r = shape.count
    let n = shape.reduce(1, *)
    if n == 0 { return }
    if r == 0 { body(0, 0); return }
    let inner = shape[r - 1], innerStride = mapStrides[r - 1]
    var idx = [Int](repeating: 0, count: r)
    var base = 0
    var linear = 0
    while linear < n {
      var j = base
      for _ in 0..<inner { body(linear, j); linear += 1; j += innerStride }
      // advance the outer multi-index
      var axis = r - 2
      while axis >= 0 {
        idx[axis] += 1
        base += mapStrides[axis]
        if idx[axis] < shape[axis] { break }
        base -= mapStrides[axis] * shape[axis]
        idx[axis] = 0
        axis -= 1
      }
    }
  }

  /// Normalizes a possibly negative axis against a rank.
  static func axis(_ a: Int, rank: Int) -> Int {
    let v = a < 0 ? a + rank : a
    precondition(v >= 0 && v < max(rank, 1), "axis \(a) out of range for rank \(rank)")
    return v
  }
}
