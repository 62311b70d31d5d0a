// What the runtime knows about each tensor. `TensorRecord`s live in the arena's persistent part,
// one per tensor of the subgraph; kernels see them as `TensorView`s.

/// Where a tensor's bytes are.
public enum TensorLocation: UInt8 {
  /// No storage (an empty tensor, or not yet planned).
  case none
  /// Constant data at the model's base address + `dataOffset`: inside the model bytes, or, for a
  /// tensor a kernel computed once in prepare (a folded DEQUANTIZE of constant weights), in the
  /// arena's persistent part (the offset is then what separates the two addresses).
  case model
  /// A planned region of the arena.
  case arena
}

/// The runtime's per-tensor state, kept in the arena.
public struct TensorRecord {
  /// Shape from the model.
  public var dims: Dims
  /// Bytes of data.
  public var byteSize: Int
  /// Byte offset of the data in the model (constants) or the arena (activations).
  public var dataOffset: Int
  /// Where the data lives.
  public var location: TensorLocation
  /// Element type.
  public var type: TFLite.TensorType
  /// Per-tensor quantization scale (the first scale when per-channel), 0 when unquantized.
  public var scale: Float
  /// Per-tensor zero point (the first when per-channel).
  public var zeroPoint: Int32
  /// Position of the QuantizationParameters table in the model, 0 when absent.
  public var quantizationPosition: Int
  /// Index of the first operator that needs the data (-1 before planning).
  public var firstUse: Int32
  /// Index of the last operator that needs the data.
  public var lastUse: Int32
  /// The tensor whose storage this one shares (reshape-like operators), or -1.
  public var aliasOf: Int32
  /// Planner bookkeeping: next planned buffer in offset order, or -1.
  public var planNext: Int32
  /// Subgraph input / output / variable flags.
  public var flags: UInt8

  /// Flag: the tensor is a subgraph input.
  public static var isInputFlag: UInt8 { 1 }
  /// Flag: the tensor is a subgraph output.
  public static var isOutputFlag: UInt8 { 2 }
  /// Flag: the tensor is a variable (state kept across invocations).
  public static var isVariableFlag: UInt8 { 4 }
}

/// A tensor as a kernel sees it: type, shape, quantization and (in eval) its data.
public struct TensorView {
  /// Index of the tensor in its subgraph.
  public let index: Int32
  /// Element type.
  public let type: TFLite.TensorType
  /// Shape.
  public let dims: Dims
  /// Bytes of data.
  public let byteSize: Int
  /// The data: constants always; activations only in eval (nil in prepare).
  public let data: UnsafeMutableRawPointer?
  /// Whether the data is constant (stored in the model).
  public let isConstant: Bool
  /// Per-tensor quantization scale (first channel's when per-channel), 0 when unquantized.
  public let scale: Float
  /// Per-tensor zero point.
  public let zeroPoint: Int32
  /// The full quantization parameters (per-channel scales), when present.
  public let quantization: TFLite.QuantizationParameters?

  /// Number of elements.
  @inlinable public var elementCount: Int { dims.elementCount }

  /// The data as elements of `T` (the kernel checked the type in prepare).
  @inlinable public func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
    data.unsafelyUnwrapped.assumingMemoryBound(to: T.self)
  }

  /// The data as float32 values.
  @inlinable public var floats: UnsafeMutablePointer<Float> { pointer(Float.self) }

  /// Whether per-tensor quantization parameters are present (scale > 0).
  @inlinable public var isQuantized: Bool { scale > 0 }

  /// Number of quantization scales (0, 1, or one per channel).
  @inlinable public var scaleCount: Int { quantization?.scale.count ?? 0 }
}
