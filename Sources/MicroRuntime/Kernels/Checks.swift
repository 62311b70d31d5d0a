// Small checks that kernels share in prepare. Each throws a MicroError naming the operator and tensor.

extension PrepareContext {
  /// Checks the node's input and output counts.
  public func expectCounts(_ node: Node, inputs: ClosedRange<Int>, outputs: ClosedRange<Int>) throws(MicroError) {
    if !inputs.contains(node.inputCount) {
      throw MicroError(.wrongInputCount, op: node.index, expected: Int64(inputs.lowerBound), found: Int64(node.inputCount))
    }
    if !outputs.contains(node.outputCount) {
      throw MicroError(.wrongOutputCount, op: node.index, expected: Int64(outputs.lowerBound), found: Int64(node.outputCount))
    }
  }
}

/// Throws `kind` for `node` and `tensor` unless `condition` holds.
@inlinable
public func check(_ condition: Bool, _ kind: MicroErrorKind, _ node: Node, _ tensor: TensorView? = nil,
                  expected: Int = -1, found: Int = -1) throws(MicroError) {
  if !condition {
    throw MicroError(kind, op: node.index, tensor: tensor?.index ?? -1, expected: Int64(expected), found: Int64(found))
  }
}

/// Throws `.unsupportedType` unless `t` has type `type`.
@inlinable
public func checkType(_ t: TensorView, _ type: TFLite.TensorType, _ node: Node) throws(MicroError) {
  if t.type != type {
    throw MicroError(.unsupportedType, op: node.index, tensor: t.index, expected: Int64(type.rawValue), found: Int64(t.type.rawValue))
  }
}

/// Throws `.typeMismatch` unless `a` and `b` have the same type.
@inlinable
public func checkSameType(_ a: TensorView, _ b: TensorView, _ node: Node) throws(MicroError) {
  if a.type != b.type {
    throw MicroError(.typeMismatch, op: node.index, tensor: b.index, expected: Int64(a.type.rawValue), found: Int64(b.type.rawValue))
  }
}

/// Throws `.shapeMismatch` unless `t` has exactly the shape `dims`.
@inlinable
public func checkShape(_ t: TensorView, _ dims: Dims, _ node: Node) throws(MicroError) {
  if t.dims != dims {
    var mismatch = 0
    while mismatch < Swift.min(t.dims.rank, dims.rank) && t.dims[mismatch] == dims[mismatch] { mismatch += 1 }
    var e = MicroError(.shapeMismatch, op: node.index, tensor: t.index,
                       expected: Int64(mismatch < dims.rank ? dims[mismatch] : -1),
                       found: Int64(mismatch < t.dims.rank ? t.dims[mismatch] : -1))
    e.field = Int32(mismatch)
    throw e
  }
}

/// Throws `.rankMismatch` unless `t`'s rank is in `ranks`.
@inlinable
public func checkRank(_ t: TensorView, _ ranks: ClosedRange<Int>, _ node: Node) throws(MicroError) {
  if !ranks.contains(t.dims.rank) {
    throw MicroError(.rankMismatch, op: node.index, tensor: t.index, expected: Int64(ranks.lowerBound), found: Int64(t.dims.rank))
  }
}

/// The requantization multiplier of `real`, refused (`.multiplierOutOfRange`, naming `tensor`) when
/// its exponent exceeds 30: a left shift of 31 or more does not fit the int32 arithmetic of
/// TFLite's MultiplyByQuantizedMultiplier (a shift of 32 would even be taken mod 32). The one check
/// every operator that requantizes makes in prepare.
@inlinable
public func requantization(_ real: Double, _ node: Node, _ tensor: TensorView) throws(MicroError) -> QuantizedMultiplier {
  let m = QuantizedMultiplier(real)
  try check(m.shift <= 30, .multiplierOutOfRange, node, tensor, expected: 30, found: Int(m.shift))
  return m
}
