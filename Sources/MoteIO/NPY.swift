import Foundation
import MicroRuntime
import NumPyFile

/// A NumPy `.npy` array held in memory: element type, shape and raw little-endian bytes.
public struct NPYArray {
  /// Element type, as a TFLite tensor type.
  public var type: TFLite.TensorType
  /// Shape (C order).
  public var shape: [Int]
  /// Raw element bytes, little-endian, C order.
  public var data: [UInt8]

  /// Makes an array from its parts; `data.count` must equal the shape's element count times the size.
  public init(type: TFLite.TensorType, shape: [Int], data: [UInt8]) {
    self.type = type
    self.shape = shape
    self.data = data
  }

  /// A float32 array.
  public init(floats: [Float], shape: [Int]) {
    type = .float32
    self.shape = shape
    data = floats.withUnsafeBytes { Array($0) }
  }

  /// Number of elements.
  public var count: Int { shape.reduce(1, *) }

  /// The elements as float32 (only for float32 arrays).
  public var floats: [Float] {
    data.withUnsafeBytes { raw in Array(raw.bindMemory(to: Float.self)) }
  }

  /// Every element converted to Double, for comparisons.
  public var doubles: [Double] {
    data.withUnsafeBytes { raw -> [Double] in
      switch type {
      case .float32: return raw.bindMemory(to: Float.self).map(Double.init)
      case .int8: return raw.bindMemory(to: Int8.self).map(Double.init)
      case .uint8: return raw.bindMemory(to: UInt8.self).map(Double.init)
      case .int16: return raw.bindMemory(to: Int16.self).map(Double.init)
      case .int32: return raw.bindMemory(to: Int32.self).map(Double.init)
      case .int64: return raw.bindMemory(to: Int64.self).map(Double.init)
      case .bool: return raw.bindMemory(to: UInt8.self).map { $0 != 0 ? 1 : 0 }
      case .float16: return raw.bindMemory(to: UInt16.self).map { Double(Float(float16Bits: $0)) }
      case .uint16: return raw.bindMemory(to: UInt16.self).map(Double.init)
      case .uint32: return raw.bindMemory(to: UInt32.self).map(Double.init)
      case .uint64: return raw.bindMemory(to: UInt64.self).map { Double($0) }  // not Double.init: that picks init(bitPattern:)
      case .float64: return raw.bindMemory(to: Double.self).map { $0 }
      default: return []
      }
    }
  }

  static let descriptors: [(String, TFLite.TensorType)] = [
    ("<f4", .float32), ("<f2", .float16), ("<i4", .int32), ("<i8", .int64), ("<i2", .int16),
    ("|i1", .int8), ("<i1", .int8), ("|u1", .uint8), ("<u1", .uint8), ("|b1", .bool), ("<u2", .uint16),
    ("<u4", .uint32), ("<f8", .float64), ("<u8", .uint64),
  ]

  /// Reads a `.npy` file (format versions 1–3, little-endian, C order). `check` sees the element
  /// type and shape from the header before the payload is read, and may refuse them.
  public static func read(path: String, check: (TFLite.TensorType, [Int]) throws -> Void = { _, _ in }) throws -> NPYArray {
    do {
      let file = try RegularFile(path: path)
      let header: NPYHeader
      let type: TFLite.TensorType
      do {
        // The header alone: the fixed part says how long the dictionary is (at most the file).
        let size = try NPYHeader.headerSize(prefix: try file.bytes(from: 0, count: Swift.min(file.size, 12)))
        header = try NPYHeader.parse(try file.bytes(from: 0, count: Swift.min(file.size, size)))
        guard let t = descriptors.first(where: { $0.0 == header.descr })?.1 else { throw NPYError.unsupportedDType(header.descr) }
        type = t
        try check(type, header.shape)
        try header.checkPayload(elementSize: type.byteSize, fileSize: file.size)
      } catch let error as NPYError {
        throw ToolError("\(path): \(error)")
      }
      let data = try file.bytes(from: header.payloadOffset, count: file.size - header.payloadOffset)
      return NPYArray(type: type, shape: header.shape, data: data)
    } catch let error as FileError {
      throw ToolError(error.description)
    }
  }

  /// The `.npy` (version 1.0) encoding of this array.
  public func encoded() -> [UInt8] {
    let descr = NPYArray.descriptors.first { $0.1 == type }!.0
    var out = NPYHeader.encode(descr: descr, shape: shape)
    out += data
    return out
  }

  /// Writes the array as a `.npy` file.
  public func write(path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(encoded())) else {
      throw ToolError("\(path): cannot write file")
    }
  }
}

extension Float {
  /// The float32 value of IEEE half-precision bits.
  public init(float16Bits h: UInt16) {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = Int((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0 {
      self = (sign != 0 ? -1 : 1) * Float(mantissa) * 0x1p-24
    } else if exponent == 31 {
      self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    } else {
      self = Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
  }
}
