// Elementwise operations with NumPy broadcasting. Pullbacks return gradients in the output
// shape; the autograd engine (Tape.swift) sums them back to each input's shape.

extension Tensor {
  /// Applies `f` to broadcast pairs of `a` and `b`, returning the broadcast shape and values.
  static func broadcastApply(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> ([Int], [Float]) {
    guard let shape = ShapeMath.broadcast(a.shape, b.shape) else {
      preconditionFailure("shapes \(a.shape) and \(b.shape) do not broadcast")
    }
    let n = shape.reduce(1, *)
    var out = [Float](repeating: 0, count: n)
    a.data.withUnsafeBufferPointer { pa in
      b.data.withUnsafeBufferPointer { pb in
        out.withUnsafeMutableBufferPointer { po in
          if pa.count == n && pb.count == n {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
          } else if pb.count == 1 {
            let s = pb[0]
            for i in 0..<n { po[i] = f(pa[i], s) }
          } else if pa.count == 1 {
            let s = pa[0]
            for i in 0..<n { po[i] = f(s, pb[i]) }
          } else if pa.count == n && isSuffix(b.shape, of: shape) {
            let m = pb.count
            for i in 0..<n { po[i] = f(pa[i], pb[i % m]) }
          } else {
            let ea = ShapeMath.expand(a.data, from: a.shape, to: shape)
            let eb = ShapeMath.expand(b.data, from: b.shape, to: shape)
            for i in 0..<n { po[i] = f(ea[i], eb[i]) }
          }
        }
      }
    }
    return (shape, out)
  }

  /// Whether `s` (ignoring leading ones) equals the trailing axes of `full`.
  static func isSuffix(_ s: [Int], of full: [Int]) -> Bool {
    var t = s[...]
    while let f = t.first, f == 1, t.count > 0 { t = t.dropFirst() }
    return t.count <= full.count && Array(full.suffix(t.count)) == Array(t)
  }

  /// Elementwise `a + b` with broadcasting.
  public static func + (a: Tensor, b: Tensor) -> Tensor {
    let (shape, out) = broadcastApply(a, b, +)
    return record(shape, out, [a, b]) { g in [g, g] }
  }

  /// Elementwise `a - b` with broadcasting.
  public static func - (a: Tensor, b: Tensor) -> Tensor {
    let (shape, out) = broadcastApply(a, b, -)
    return record(shape, out, [a, b]) { g in [g, g.map { -$0 }] }
  }

  /// Elementwise `a * b` with broadcasting.
  public static func * (a: Tensor, b: Tensor) -> Tensor {
    let (shape, out) = broadcastApply(a, b, *)
    let (ad, ash, bd, bsh) = (a.data, a.shape, b.data, b.shape)
    let (na, nb) = (a.requiresGrad, b.requiresGrad)
    return record(shape, out, [a, b]) { g in
      let ga = na ? mulExpanded(g, bd, bsh, shape) : nil
      let gb = nb ? mulExpanded(g, ad, ash, shape) : nil
      return [ga, gb]
    }
  }

  /// Elementwise `a / b` with broadcasting.
  public static func / (a: Tensor, b: Tensor) -> Tensor {
    let (shape, out) = broadcastApply(a, b, /)
    let (bd, bsh) = (b.data, b.shape)
    let (na, nb) = (a.requiresGrad, b.requiresGrad)
    return record(shape, out, [a, b]) { g in
      let eb = ShapeMath.expand(bd, from: bsh, to: shape)
      var ga: [Float]? = nil, gb: [Float]? = nil
      if na { ga = (0..<g.count).map { g[$0] / eb[$0] } }
      // d(a/b)/db = -(a/b)/b, reusing the forward output.
      if nb { gb = (0..<g.count).map { -g[$0] * out[$0] / eb[$0] } }
      return [ga, gb]
    }
  }

  /// `g * expand(other)`, elementwise.
  static func mulExpanded(_ g: [Float], _ other: [Float], _ otherShape: [Int], _ shape: [Int]) -> [Float] {
    var r = g
    if other.count == 1 {
      let s = other[0]
      for i in 0..<r.count { r[i] *= s }
      return r
    }
    let e = ShapeMath.expand(other, from: otherShape, to: shape)
    r.withUnsafeMutableBufferPointer { pr in e.withUnsafeBufferPointer { pe in
      for i in 0..<pr.count { pr[i] *= pe[i] }
    } }
    return r
  }

  /// Elementwise negation.
  public static prefix func - (a: Tensor) -> Tensor {
    record(a.shape, a.data.map { -$0 }, [a]) { g in [g.map { -$0 }] }
  }

  /// Adds a scalar.
  public static func + (a: Tensor, s: Float) -> Tensor { a + Tensor(s) }
  /// Adds a scalar.
  public static func + (s: Float, a: Tensor) -> Tensor { Tensor(s) + a }
  /// Subtracts a scalar.
  public static func - (a: Tensor, s: Float) -> Tensor { a - Tensor(s) }
  /// Subtracts from a scalar.
  public static func - (s: Float, a: Tensor) -> Tensor { Tensor(s) - a }
  /// Multiplies by a scalar.
  public static func * (a: Tensor, s: Float) -> Tensor { a * Tensor(s) }
  /// Multiplies by a scalar.
  public static func * (s: Float, a: Tensor) -> Tensor { Tensor(s) * a }
  /// Divides by a scalar.
  public static func / (a: Tensor, s: Float) -> Tensor { a / Tensor(s) }
  /// Divides a scalar by a tensor.
  public static func / (s: Float, a: Tensor) -> Tensor { Tensor(s) / a }
}

// MARK: - Unary primitives

extension Tensor {
  /// Applies `f` elementwise and records the pullback `g * df(x, y)`.
  func unary(_ f: (Float) -> Float, _ df: @escaping (_ x: Float, _ y: Float) -> Float) -> Tensor {
    let x = data
    var y = x
    y.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = f(p[i]) } }
    return Tensor.record(shape, y, [self]) { g in
      var r = g
      r.withUnsafeMutableBufferPointer { pr in
        x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
          for i in 0..<pr.count { pr[i] *= df(px[i], py[i]) }
        } }
      }
      return [r]
    }
  }

  /// Elementwise `e^x`.
  public func exp() -> Tensor { unary(fexp) { _, y in y } }

  /// Elementwise natural logarithm.
  public func log() -> Tensor { unary(flog) { x, _ in 1 / x } }

  /// Elementwise square root.
  public func sqrt() -> Tensor { unary { $0.squareRoot() } _: { _, y in 0.5 / y } }

  /// Elementwise `x^p` for a scalar exponent.
  public func pow(_ p: Float) -> Tensor {
    if p == 2 { return unary({ $0 * $0 }) { x, _ in 2 * x } }
    return unary({ fpow($0, p) }) { x, _ in p * fpow(x, p - 1) }
  }

  /// Elementwise `max(x, 0)`.
  public func relu() -> Tensor { unary({ Swift.max($0, 0) }) { x, _ in x > 0 ? 1 : 0 } }

  /// Elementwise `min(max(x, 0), 6)`.
  public func relu6() -> Tensor { unary({ Swift.min(Swift.max($0, 0), 6) }) { x, _ in x > 0 && x < 6 ? 1 : 0 } }

  /// Elementwise `x` for positive `x`, else `alpha * x`.
  public func leakyRelu(alpha: Float = 0.2) -> Tensor {
    unary({ $0 > 0 ? $0 : alpha * $0 }) { x, _ in x > 0 ? 1 : alpha }
  }

  /// Elementwise logistic sigmoid `1 / (1 + e^-x)`.
  public func sigmoid() -> Tensor {
    unary({ $0 >= 0 ? 1 / (1 + fexp(-$0)) : fexp($0) / (1 + fexp($0)) }) { _, y in y * (1 - y) }
  }

  /// Elementwise hyperbolic tangent.
  public func tanh() -> Tensor { unary(ftanh) { _, y in 1 - y * y } }

  /// Elementwise hard swish `x * relu6(x + 3) / 6` (MobileNetV3, TFLite HARD_SWISH).
  public func hardSwish() -> Tensor {
    unary({ $0 * Swift.min(Swift.max($0 + 3, 0), 6) / 6 }) { x, _ in x <= -3 ? 0 : (x >= 3 ? 1 : (2 * x + 3) / 6) }
  }

  /// Elementwise `log(1 + e^x)`, computed stably.
  public func softplus() -> Tensor {
    unary({ Swift.max($0, 0) + flog1p(fexp(-abs($0))) }) { x, _ in
      x >= 0 ? 1 / (1 + fexp(-x)) : fexp(x) / (1 + fexp(x))
    }
  }
}
