// Helpers the data-movement kernels share: a fixed-size index vector for OpData, the element types
// they move, reading small integer tensors (shapes, axes, paddings), and axis normalization.

/// Up to `Dims.maxRank` integers stored inline (shapes, strides, begins) for a kernel's OpData.
public struct IndexVector: BitwiseCopyable {
  /// The values; only the first `count` are meaningful.
  public var values: InlineArray<8, Int>
  /// Number of values in use.
  public var count: Int

  /// `count` values, all `fill`.
  @inlinable public init(count: Int = 0, fill: Int = 0) {
    values = InlineArray(repeating: fill)
    self.count = count
  }

  /// The dimensions of `dims`.
  @inlinable public init(_ dims: Dims) {
    self.init(count: dims.rank)
    for i in 0..<dims.rank { values[i] = dims[i] }
  }

  /// Value `i`, `0 <= i < count`.
  @inlinable public subscript(i: Int) -> Int {
    get { values[i] }
    set { values[i] = newValue }
  }

  /// The values as a shape.
  @inlinable public var dims: Dims {
    var d = Dims(rank: count)
    for i in 0..<count { d[i] = values[i] }
    return d
  }

  /// Product of all values.
  @inlinable public var product: Int {
    var n = 1
    for i in 0..<count { n &*= values[i] }
    return n
  }
}

/// Checks that `t` is a type the byte-moving kernels handle (float32, int8, uint8, int16, int32,
/// int64, bool) and returns its element size in bytes.
@inlinable
public func checkMovableType(_ t: TensorView, _ node: Node) throws(MicroError) -> Int {
  switch t.type {
  case .float32, .int8, .uint8, .int16, .int32, .int64, .bool: return t.type.byteSize
  default:
    throw MicroError(.unsupportedType, op: node.index, tensor: t.index, found: Int64(t.type.rawValue))
  }
}

/// Checks that an index-like tensor (shape, axis, paddings, indices) is int32 or int64.
@inlinable
public func checkIndexType(_ t: TensorView, _ node: Node) throws(MicroError) {
  if t.type != .int32 && t.type != .int64 {
    throw MicroError(.unsupportedType, op: node.index, tensor: t.index, expected: Int64(TFLite.TensorType.int32.rawValue),
                     found: Int64(t.type.rawValue))
  }
}

/// Checks that `t` is a constant tensor (its data is readable in prepare).
@inlinable
public func checkConstant(_ t: TensorView, _ node: Node) throws(MicroError) {
  if !t.isConstant || t.data == nil {
    throw MicroError(.constantRequired, op: node.index, tensor: t.index)
  }
}

extension TensorView {
  /// Element `i` of an int32 or int64 tensor as `Int` (the caller checked type and bounds). int64
  /// values are clamped to the int32 range, so sums of a few of them with dimensions cannot overflow.
  @inlinable public func index(_ i: Int) -> Int {
    if type == .int64 {
      return Int(Swift.min(Swift.max(pointer(Int64.self)[i], Int64(Int32.min)), Int64(Int32.max)))
    }
    return Int(pointer(Int32.self)[i])
  }
}

/// `axis` in `-rank..<rank` made non-negative; throws `.invalidAxis` otherwise.
@inlinable
public func normalizedAxis(_ axis: Int, rank: Int, _ node: Node, _ t: TensorView? = nil) throws(MicroError) -> Int {
  if axis < -rank || axis >= rank {
    throw MicroError(.invalidAxis, op: node.index, tensor: t?.index ?? -1, expected: Int64(rank), found: Int64(axis))
  }
  return axis < 0 ? axis + rank : axis
}

/// Copies `bytes` bytes unless source and destination are the same storage (aliased in-place ops).
@inlinable
public func copyUnlessAliased(from src: UnsafeRawPointer, to dst: UnsafeMutableRawPointer, bytes: Int) {
  if UnsafeRawPointer(dst) != src && bytes > 0 { dst.copyMemory(from: src, byteCount: bytes) }
}
