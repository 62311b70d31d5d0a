import Foundation

/// CRC-32C (Castagnoli), the checksum of TFRecord framing.
public enum CRC32C {
  private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
    return c
  }

  /// The CRC-32C of `bytes`.
  public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xff)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }

  /// TFRecord's masked CRC: `rotr(crc, 15) + 0xa282ead8`.
  public static func masked<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    let c = checksum(bytes)
    return ((c >> 15) | (c << 17)) &+ 0xA282_EAD8
  }
}

/// Hand-encoded protobuf for TensorBoard's `Event` message (no protobuf dependency).
public enum EventProto {
  static func varint(_ v: UInt64, into out: inout [UInt8]) {
    var v = v
    while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
    out.append(UInt8(v))
  }

  static func lengthDelimited(_ field: UInt64, _ payload: [UInt8], into out: inout [UInt8]) {
    varint(field << 3 | 2, into: &out)
    varint(UInt64(payload.count), into: &out)
    out += payload
  }

  /// `Event{wall_time (1, double), step (2, int64), file_version (3, string) | summary (5, Summary)}`.
  public static func event(wallTime: Double, step: Int64, fileVersion: String? = nil,
                           scalars: [(tag: String, value: Float)] = []) -> [UInt8] {
    var out: [UInt8] = [0x09]
    withUnsafeBytes(of: wallTime.bitPattern.littleEndian) { out += $0 }
    if step != 0 { out.append(0x10); varint(UInt64(bitPattern: step), into: &out) }
    if let fileVersion { lengthDelimited(3, Array(fileVersion.utf8), into: &out) }
    if !scalars.isEmpty {
      var summary: [UInt8] = []
      for (tag, value) in scalars {
        var v: [UInt8] = []
        lengthDelimited(1, Array(tag.utf8), into: &v)          // Summary.Value.tag
        v.append(0x15)                                          // Summary.Value.simple_value (field 2, fixed32)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { v += $0 }
        lengthDelimited(1, v, into: &summary)                   // Summary.value
      }
      lengthDelimited(5, summary, into: &out)
    }
    return out
  }

  /// TFRecord framing: length (u64 LE), masked CRC of the length, data, masked CRC of the data.
  public static func record(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    withUnsafeBytes(of: UInt64(data.count).littleEndian) { out += $0 }
    withUnsafeBytes(of: CRC32C.masked(out).littleEndian) { out += $0 }
    out += data
    withUnsafeBytes(of: CRC32C.masked(data).littleEndian) { out += $0 }
    return out
  }
}

/// Writes TensorBoard event files (`events.out.tfevents.<time>.<host>`) with scalar summaries.
public final class SummaryWriter {
  /// The event file being written.
  public let path: String
  private let handle: FileHandle

  /// Creates the log directory if needed and starts a new event file with the `brain.Event:2` header event.
  public init(logDirectory: String) throws {
    try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
    let now = Date().timeIntervalSince1970
    let host = ProcessInfo.processInfo.hostName.isEmpty ? "localhost" : ProcessInfo.processInfo.hostName
    path = (logDirectory as NSString).appendingPathComponent("events.out.tfevents.\(Int(now)).\(host)")
    guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
      throw SafetensorsError.io(path: path, reason: "cannot create event file")
    }
    handle = h
    handle.write(Data(EventProto.record(EventProto.event(wallTime: now, step: 0, fileVersion: "brain.Event:2"))))
  }

  /// Appends one event holding scalar summaries at `step`.
  public func add(scalars: [(tag: String, value: Float)], step: Int) {
    let e = EventProto.event(wallTime: Date().timeIntervalSince1970, step: Int64(step), scalars: scalars)
    handle.write(Data(EventProto.record(e)))
  }

  /// Appends one scalar at `step`.
  public func addScalar(_ tag: String, _ value: Float, step: Int) { add(scalars: [(tag, value)], step: step) }

  /// Flushes and closes the file.
  public func close() { try? handle.synchronize(); try? handle.close() }
}
