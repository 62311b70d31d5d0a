/// A fixed-size table of kernel registrations. An app adds the kernels its models need; only
/// those are linked. Holds at most `capacity` registrations.
public struct OpResolver {
  /// Most registrations one resolver holds.
  public static var capacity: Int { 128 }
  @usableFromInline var slots: InlineArray<128, Registration?> = .init(repeating: nil)
  /// Number of registrations.
  public private(set) var count = 0

  /// An empty resolver.
  public init() {}

  /// Adds a registration; a later one for the same operator and version wins.
  /// Returns false when the table is full.
  @discardableResult
  public mutating func add(_ r: Registration) -> Bool {
    if count == Self.capacity { return false }
    slots[count] = r
    count += 1
    return true
  }

  /// Registration `i`, `0 <= i < count`.
  public subscript(i: Int) -> Registration { slots[i].unsafelyUnwrapped }

  /// The registration for `op` at `version`, if any.
  public func find(_ op: TFLite.BuiltinOperator, version: Int32) -> Registration? {
    var i = count - 1
    while i >= 0 {
      if let r = slots[i], r.op == op, version >= r.minVersion, version <= r.maxVersion { return r }
      i -= 1
    }
    return nil
  }

  /// Whether any registration handles `op` (at some version).
  public func supports(_ op: TFLite.BuiltinOperator) -> Bool {
    for i in 0..<count where slots[i].unsafelyUnwrapped.op == op { return true }
    return false
  }
}
