// The structural verifier. It makes the same checks as the flatbuffers C++ verifier (bounds,
// alignment relative to the buffer start, offsets non-zero and below 2 GB, vtables inside the
// buffer, strings terminated, nesting depth ≤ 64, at most 1,000,000 tables) and a few stricter ones
// (every table offset inside a vector is checked like any other offset). It runs once when a model is
// opened; after it, the views in TFLiteSchema.swift may read without checks.

/// Walks a FlatBuffer once and checks every offset, length and alignment the schema reaches.
public struct FlatBufferVerifier {
  /// Start of the buffer (owned by the caller).
  public let base: UnsafeRawPointer
  /// Size of the buffer in bytes.
  public let size: Int
  @usableFromInline var depth = 0
  @usableFromInline var tables = 0

  /// The deepest table nesting accepted.
  public static var maxDepth: Int { 64 }
  /// The most tables accepted in one buffer.
  public static var maxTables: Int { 1_000_000 }
  /// The largest FlatBuffer: 2 GB - 1.
  public static var maxSize: Int { 0x7FFF_FFFF }

  /// Prepares to check `size` bytes at `base`.
  public init(base: UnsafeRawPointer, size: Int) {
    self.base = base
    self.size = size
  }

  /// Whether `length` bytes at `position` lie inside the buffer (the C++ verifier's rule).
  @inlinable func inBounds(_ position: Int, _ length: Int) -> Bool {
    length < size && position >= 0 && position <= size - length
  }

  /// Checks the buffer header (size, "TFL3" identifier, root offset) and the whole model under it.
  public static func verifyModel(base: UnsafeRawPointer, size: Int) throws(MicroError) -> TFLite.Model {
    if size < 12 { throw MicroError(.bufferTooSmall, expected: 12, found: Int64(size)) }
    if size > maxSize { throw MicroError(.bufferTooLarge, found: Int64(size)) }
    // File identifier "TFL3" at bytes 4..<8.
    let id = UInt32.read(base, 4)
    if id != 0x334C_4654 { throw MicroError.malformed(.wrongFileIdentifier, .model, field: -1, offset: 4) }
    var v = FlatBufferVerifier(base: base, size: size)
    let root = try v.offset(at: 0, .model, field: -1)
    try TFLite.Model.verify(&v, at: root)
    return TFLite.Model(FlatTable(base: base, position: root))
  }

  /// Checks the uoffset stored at `position` and returns the absolute position it points to.
  public func offset(at position: Int, _ table: SchemaTable, field: Int) throws(MicroError) -> Int {
    if position & 3 != 0 { throw .malformed(.offsetMisaligned, table, field: field, offset: position) }
    if !inBounds(position, 4) { throw .malformed(.offsetOutOfBounds, table, field: field, offset: position) }
    let o = UInt32.read(base, position)
    if o == 0 { throw .malformed(.offsetZero, table, field: field, offset: position) }
    if o > 0x7FFF_FFFF { throw .malformed(.offsetTooLarge, table, field: field, offset: position) }
    let target = position + Int(o)
    if !inBounds(target, 1) { throw .malformed(.offsetOutOfBounds, table, field: field, offset: position) }
    return target
  }

  /// Checks a table's header and vtable, counts it toward the limits and returns its view.
  public mutating func beginTable(at position: Int, _ table: SchemaTable) throws(MicroError) -> TableCursor {
    if position & 3 != 0 { throw .malformed(.tableMisaligned, table, field: -1, offset: position) }
    if !inBounds(position, 4) { throw .malformed(.tableOutOfBounds, table, field: -1, offset: position) }
    depth += 1
    tables += 1
    if depth > Self.maxDepth { throw .malformed(.nestingTooDeep, table, field: -1, offset: position) }
    if tables > Self.maxTables { throw .malformed(.tooManyTables, table, field: -1, offset: position) }
    let vtable = position - Int(Int32.read(base, position))
    if vtable & 1 != 0 { throw .malformed(.vtableMisaligned, table, field: -1, offset: position) }
    if !inBounds(vtable, 2) { throw .malformed(.vtableOutOfBounds, table, field: -1, offset: position) }
    let vsize = Int(UInt16.read(base, vtable))
    if vsize & 1 != 0 { throw .malformed(.vtableSizeOdd, table, field: -1, offset: vtable) }
    if vsize < 4 || !inBounds(vtable, vsize) {
      throw .malformed(.vtableOutOfBounds, table, field: -1, offset: vtable)
    }
    return TableCursor(table: FlatTable(base: base, position: position), kind: table)
  }

  /// Ends the table begun last.
  public mutating func endTable() { depth -= 1 }

  /// Checks that scalar field `id` of `size` bytes, when present, is aligned and inside the buffer.
  public func scalarField(_ t: TableCursor, _ id: Int, size fieldSize: Int) throws(MicroError) {
    let o = t.table.fieldOffset(id)
    if o == 0 { return }
    let at = t.table.position + o
    if at & (fieldSize - 1) != 0 { throw .malformed(.fieldMisaligned, t.kind, field: id, offset: at) }
    if !inBounds(at, fieldSize) { throw .malformed(.fieldOutOfBounds, t.kind, field: id, offset: at) }
  }

  /// Checks the offset in field `id`, when present, and returns the position it points to.
  public func offsetField(_ t: TableCursor, _ id: Int) throws(MicroError) -> Int? {
    let o = t.table.fieldOffset(id)
    if o == 0 { return nil }
    return try offset(at: t.table.position + o, t.kind, field: id)
  }

  /// Checks a vector of `elementSize`-byte elements at `position`; returns its length.
  public func vector(at position: Int, elementSize: Int, _ t: TableCursor, _ id: Int) throws(MicroError) -> Int {
    if position & 3 != 0 { throw .malformed(.vectorMisaligned, t.kind, field: id, offset: position) }
    if !inBounds(position, 4) { throw .malformed(.vectorOutOfBounds, t.kind, field: id, offset: position) }
    let n = Int(UInt32.read(base, position))
    if n >= Self.maxSize / elementSize { throw .malformed(.vectorTooLong, t.kind, field: id, offset: position) }
    if !inBounds(position, 4 + n * elementSize) {
      throw .malformed(.vectorOutOfBounds, t.kind, field: id, offset: position)
    }
    return n
  }

  /// Checks element `index` of the offset vector at `vector` and returns the position it points to.
  public func vectorElementTarget(vector: Int, index: Int, _ t: TableCursor, _ id: Int) throws(MicroError) -> Int {
    try offset(at: vector + 4 + 4 * index, t.kind, field: id)
  }

  /// Checks a string at `position`: a byte vector followed by a zero byte.
  public func string(at position: Int, _ t: TableCursor, _ id: Int) throws(MicroError) {
    let n = try vector(at: position, elementSize: 1, t, id)
    let end = position + 4 + n
    if !inBounds(end, 1) || UInt8.read(base, end) != 0 {
      throw .malformed(.stringNotTerminated, t.kind, field: id, offset: position)
    }
  }

}

/// A table being verified: its view and its kind, so field faults can name the table.
public struct TableCursor {
  /// The table.
  public let table: FlatTable
  /// Which schema table it is.
  public let kind: SchemaTable
}
