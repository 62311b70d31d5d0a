import Foundation
import NumPyFile

/// A decoded `.npy` array: its shape, dtype and values widened to Float (and kept as Int for integer dtypes).
public struct NPYArray: Equatable {
  /// The element types TrainCore reads.
  public enum DType: String, Sendable {
    /// Little-endian float32.
    case float32 = "<f4"
    /// Little-endian int64.
    case int64 = "<i8"
    /// Little-endian int32.
    case int32 = "<i4"
    /// Unsigned bytes.
    case uint8 = "|u1"

    /// Bytes per element.
    var size: Int { switch self { case .float32, .int32: return 4; case .int64: return 8; case .uint8: return 1 } }
  }

  /// The array's shape.
  public var shape: [Int]
  /// The stored dtype.
  public var dtype: DType
  /// The values as Float (exact for float32; integers converted).
  public var floats: [Float]
  /// The values as Int for integer dtypes (empty for float32).
  public var ints: [Int]

  /// The values as a tensor of the array's shape.
  public var tensor: Tensor { Tensor(shape: shape, data: floats) }

  /// Decodes `.npy` bytes (format versions 1.0, 2.0 and 3.0).
  public init(bytes: [UInt8]) throws(NPYError) {
    let header = try NPYHeader.parse(bytes)
    guard let dtype = DType(rawValue: header.descr == "<u1" ? "|u1" : header.descr) else {
      throw .unsupportedDType(header.descr)
    }
    try header.checkPayload(elementSize: dtype.size, fileSize: bytes.count)
    let (shape, count, payload) = (header.shape, header.elementCount, header.payloadOffset)
    self.shape = shape
    self.dtype = dtype
    var floats = [Float](repeating: 0, count: count)
    var ints: [Int] = []
    bytes.withUnsafeBytes { raw in
      let p = raw.baseAddress! + payload
      switch dtype {
      case .float32:
        for i in 0..<count { floats[i] = Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
      case .int64:
        ints = (0..<count).map { Int(Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) }
      case .int32:
        ints = (0..<count).map { Int(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) }
      case .uint8:
        ints = (0..<count).map { Int(p.load(fromByteOffset: $0, as: UInt8.self)) }
      }
    }
    if dtype != .float32 { floats = ints.map { Float($0) } }
    self.floats = floats
    self.ints = ints
  }

  /// Reads and decodes a `.npy` file.
  public init(contentsOf path: String) throws(NPYError) {
    let bytes: [UInt8]
    do { bytes = try RegularFile.contents(path) } catch { throw .unreadable(path: path, reason: error.reason) }
    try self.init(bytes: bytes)
  }

  /// Encodes float32 values as a version 1.0 `.npy` file.
  public static func encode(float32 values: [Float], shape: [Int]) -> [UInt8] {
    precondition(shape.reduce(1, *) == values.count)
    var out = NPYHeader.encode(descr: "<f4", shape: shape)
    out.reserveCapacity(out.count + 4 * values.count)
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
    return out
  }
}
