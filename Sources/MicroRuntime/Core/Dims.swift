// Tensor dimensions stored inline (no heap), up to `Dims.maxRank` of them.

/// The shape of a tensor: a rank and up to eight dimensions, stored inline.
public struct Dims: Equatable {
  /// The largest rank the runtime handles.
  public static var maxRank: Int { 8 }
  @usableFromInline var storage: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)
  /// Number of dimensions.
  public var rank: Int

  /// A shape of rank 0 (a scalar).
  @inlinable public init() { rank = 0 }

  /// A shape of `rank` dimensions, all `fill`.
  @inlinable public init(rank: Int, fill: Int32 = 1) {
    self.rank = rank
    for i in 0..<rank { self[i] = Int(fill) }
  }

  /// The dimensions stored in a model's shape vector (the caller checked `count <= maxRank`).
  @inlinable public init(_ v: FlatVector<Int32>) {
    rank = v.count
    for i in 0..<v.count { self[i] = Int(v[i]) }
  }

  /// Dimension `i`, `0 <= i < rank`.
  @inlinable public subscript(i: Int) -> Int {
    get {
      withUnsafeBytes(of: storage) { Int($0.load(fromByteOffset: i &* 4, as: Int32.self)) }
    }
    set {
      withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: Int32(truncatingIfNeeded: newValue), toByteOffset: i &* 4, as: Int32.self) }
    }
  }

  /// Product of all dimensions (1 for a scalar).
  @inlinable public var elementCount: Int {
    var n = 1
    for i in 0..<rank { n &*= self[i] }
    return n
  }

  /// Product of dimensions `from..<to`.
  @inlinable public func product(_ from: Int, _ to: Int) -> Int {
    var n = 1
    var i = from
    while i < to { n &*= self[i]; i += 1 }
    return n
  }

  /// Element strides of a contiguous row-major tensor of this shape.
  @inlinable public var strides: Dims {
    var s = Dims(rank: rank)
    var acc = 1
    var i = rank - 1
    while i >= 0 { s[i] = acc; acc &*= self[i]; i -= 1 }
    return s
  }

  public static func == (a: Dims, b: Dims) -> Bool {
    if a.rank != b.rank { return false }
    for i in 0..<a.rank where a[i] != b[i] { return false }
    return true
  }

  /// Whether the dimensions equal the model vector `v`.
  @inlinable public func equals(_ v: FlatVector<Int32>) -> Bool {
    if v.count != rank { return false }
    for i in 0..<rank where Int(v[i]) != self[i] { return false }
    return true
  }
}
