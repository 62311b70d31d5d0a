extension TFLite.TensorType {
  /// Bytes per element for the types the runtime stores, or 0 for types it does not support.
  @inlinable public var byteSize: Int {
    switch rawValue {
    case 0, 2, 15: return 4        // FLOAT32, INT32, UINT32
    case 1, 7, 16: return 2        // FLOAT16, INT16, UINT16
    case 3, 6, 9: return 1         // UINT8, BOOL, INT8
    case 4, 10, 12: return 8       // INT64, FLOAT64, UINT64
    default: return 0
    }
  }
}
