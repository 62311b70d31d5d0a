// Zero-copy, allocation-free access to FlatBuffers. Nothing here owns memory: every view holds a
// pointer into bytes that the caller owns and must keep alive (and unchanged) while views exist.
// Reads are unaligned-safe and little-endian (every Mote target is little-endian). The accessors
// trust their buffer: only call them on bytes that `FlatBufferVerifier` accepted.

/// A scalar type that can be stored in a FlatBuffer field or vector.
public protocol FlatScalar {
  /// Reads one value at `offset` bytes from `base`, without alignment requirements.
  static func read(_ base: UnsafeRawPointer, _ offset: Int) -> Self
}

extension FlatScalar where Self: FixedWidthInteger {
  @inlinable public static func read(_ base: UnsafeRawPointer, _ offset: Int) -> Self {
    Self(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Self.self))
  }
}

extension Int8: FlatScalar {}
extension UInt8: FlatScalar {}
extension Int16: FlatScalar {}
extension UInt16: FlatScalar {}
extension Int32: FlatScalar {}
extension UInt32: FlatScalar {}
extension Int64: FlatScalar {}
extension UInt64: FlatScalar {}

extension Float: FlatScalar {
  @inlinable public static func read(_ base: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(bitPattern: UInt32.read(base, offset))
  }
}

extension Double: FlatScalar {
  @inlinable public static func read(_ base: UnsafeRawPointer, _ offset: Int) -> Double {
    Double(bitPattern: UInt64.read(base, offset))
  }
}

extension Bool: FlatScalar {
  @inlinable public static func read(_ base: UnsafeRawPointer, _ offset: Int) -> Bool {
    UInt8.read(base, offset) != 0
  }
}

/// One table inside a verified FlatBuffer: a position and the buffer it lives in.
public struct FlatTable {
  /// Start of the whole buffer (owned by the caller).
  public let base: UnsafeRawPointer
  /// Byte position of the table (its vtable offset) within the buffer.
  public let position: Int

  /// Views the table at `position` of the buffer starting at `base`.
  @inlinable public init(base: UnsafeRawPointer, position: Int) {
    self.base = base
    self.position = position
  }

  /// The offset of field `id` from the table start, or 0 when the field is absent.
  @inlinable public func fieldOffset(_ id: Int) -> Int {
    let vtable = position - Int(Int32.read(base, position))
    let vtableSize = Int(UInt16.read(base, vtable))
    let slot = 4 + 2 * id
    if slot + 2 > vtableSize { return 0 }
    return Int(UInt16.read(base, vtable + slot))
  }

  /// Whether field `id` is stored in the table.
  @inlinable public func has(_ id: Int) -> Bool { fieldOffset(id) != 0 }

  /// The scalar field `id`, or `defaultValue` when absent.
  @inlinable public func scalar<T: FlatScalar>(_ id: Int, default defaultValue: T) -> T {
    let o = fieldOffset(id)
    return o == 0 ? defaultValue : T.read(base, position + o)
  }

  /// Follows the offset stored in field `id`; nil when absent.
  @inlinable public func target(_ id: Int) -> Int? {
    let o = fieldOffset(id)
    if o == 0 { return nil }
    let at = position + o
    return at + Int(UInt32.read(base, at))
  }

  /// The sub-table in field `id`; nil when absent.
  @inlinable public func table(_ id: Int) -> FlatTable? {
    guard let t = target(id) else { return nil }
    return FlatTable(base: base, position: t)
  }

  /// The scalar vector in field `id`; empty when absent.
  @inlinable public func vector<T: FlatScalar>(_ id: Int) -> FlatVector<T> {
    guard let t = target(id) else { return FlatVector(base: base, start: 0, count: 0) }
    return FlatVector(base: base, start: t + 4, count: Int(UInt32.read(base, t)))
  }

  /// The vector of tables in field `id`; empty when absent.
  @inlinable public func tableVector<V: FlatTableView>(_ id: Int) -> FlatTableVector<V> {
    guard let t = target(id) else { return FlatTableVector(base: base, start: 0, count: 0) }
    return FlatTableVector(base: base, start: t + 4, count: Int(UInt32.read(base, t)))
  }

  /// The string in field `id`; nil when absent.
  @inlinable public func string(_ id: Int) -> FlatString? {
    guard let t = target(id) else { return nil }
    return FlatString(start: base + t + 4, count: Int(UInt32.read(base, t)))
  }
}

/// A typed view of one table kind (generated from the schema).
public protocol FlatTableView {
  /// Wraps a verified table.
  init(_ table: FlatTable)
}

/// A vector of scalars inside a verified buffer.
public struct FlatVector<Element: FlatScalar> {
  @usableFromInline let base: UnsafeRawPointer
  /// Byte position of the first element.
  public let start: Int
  /// Number of elements.
  public let count: Int

  @inlinable init(base: UnsafeRawPointer, start: Int, count: Int) {
    self.base = base
    self.start = start
    self.count = count
  }

  /// Element `i`; `i` must be in `0..<count`.
  @inlinable public subscript(i: Int) -> Element {
    Element.read(base, start + i * MemoryLayout<Element>.size)
  }
  /// Address of the first element (for raw byte vectors such as buffer data).
  @inlinable public var baseAddress: UnsafeRawPointer { base + start }
}

/// A vector of tables inside a verified buffer.
public struct FlatTableVector<Element: FlatTableView> {
  @usableFromInline let base: UnsafeRawPointer
  @usableFromInline let start: Int
  /// Number of tables.
  public let count: Int

  @inlinable init(base: UnsafeRawPointer, start: Int, count: Int) {
    self.base = base
    self.start = start
    self.count = count
  }

  /// Table `i`; `i` must be in `0..<count`.
  @inlinable public subscript(i: Int) -> Element {
    let at = start + 4 * i
    return Element(FlatTable(base: base, position: at + Int(UInt32.read(base, at))))
  }
}

/// A string inside a verified buffer: UTF-8 bytes, not including the terminating zero.
public struct FlatString {
  /// First byte.
  public let start: UnsafeRawPointer
  /// Number of bytes.
  public let count: Int

  /// Views `count` bytes at `start`.
  @inlinable public init(start: UnsafeRawPointer, count: Int) {
    self.start = start
    self.count = count
  }

  /// The bytes of the string.
  @inlinable public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

  /// Whether the string equals `other` byte for byte.
  public func equals(_ other: StaticString) -> Bool {
    if other.utf8CodeUnitCount != count { return false }
    let p = other.utf8Start
    var i = 0
    while i < count {
      if start.load(fromByteOffset: i, as: UInt8.self) != p[i] { return false }
      i += 1
    }
    return true
  }

  /// Whether the string equals the `length` bytes at `other`.
  public func equals(_ other: UnsafeRawPointer, length: Int) -> Bool {
    if length != count { return false }
    var i = 0
    while i < count {
      if start.load(fromByteOffset: i, as: UInt8.self) != other.load(fromByteOffset: i, as: UInt8.self) {
        return false
      }
      i += 1
    }
    return true
  }
}
