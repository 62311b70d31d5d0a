import MicroRuntime

/// A `.tflite` model as plain Swift values: one subgraph of tensors (constants carry their bytes)
/// and operators with typed options. The converter lowers into it, the quantizer rewrites it, the
/// reader fills it from an existing file and `TFLiteWriter` serializes it.
public struct TFLiteGraph {
  /// Quantization parameters of a tensor (per-tensor when `scale` has one entry, else per-axis).
  public struct Quantization: Equatable {
    /// Scales, one per channel along `axis` (or one).
    public var scale: [Float]
    /// Zero points, as many as scales.
    public var zeroPoint: [Int64]
    /// The channel axis for per-axis quantization.
    public var axis: Int32
    /// Per-tensor parameters.
    public init(scale: Float, zeroPoint: Int32) {
      self.scale = [scale]
      self.zeroPoint = [Int64(zeroPoint)]
      axis = 0
    }
    /// Per-axis parameters.
    public init(scales: [Float], zeroPoints: [Int64], axis: Int32) {
      scale = scales
      zeroPoint = zeroPoints
      self.axis = axis
    }
  }

  /// One tensor.
  public struct Tensor {
    /// The tensor name (parameter names for weights).
    public var name: String
    /// The shape.
    public var shape: [Int32]
    /// The element type.
    public var type: TFLite.TensorType
    /// Constant bytes (little-endian), or nil for a tensor computed at run time.
    public var data: [UInt8]?
    /// Quantization parameters, if any.
    public var quantization: Quantization?
    /// Creates a tensor.
    public init(name: String, shape: [Int32], type: TFLite.TensorType, data: [UInt8]? = nil, quantization: Quantization? = nil) {
      self.name = name
      self.shape = shape
      self.type = type
      self.data = data
      self.quantization = quantization
    }
    /// Whether the tensor is a constant.
    public var isConstant: Bool { data != nil }
    /// Number of elements.
    public var elementCount: Int { shape.reduce(1) { $0 * Int($1) } }
    /// The constant values as floats (float32 data only).
    public var floats: [Float] {
      guard let data, type == .float32 else { return [] }
      return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
  }

  /// Builtin options of an operator (only the tables the converter reads and writes).
  public enum Options: Equatable {
    /// No options table.
    case none
    /// CONV_2D.
    case conv2D(padding: TFLite.Padding, strideW: Int32, strideH: Int32, activation: TFLite.ActivationFunctionType,
                dilationW: Int32, dilationH: Int32)
    /// DEPTHWISE_CONV_2D.
    case depthwiseConv2D(padding: TFLite.Padding, strideW: Int32, strideH: Int32, depthMultiplier: Int32,
                         activation: TFLite.ActivationFunctionType, dilationW: Int32, dilationH: Int32)
    /// MAX_POOL_2D / AVERAGE_POOL_2D.
    case pool2D(padding: TFLite.Padding, strideW: Int32, strideH: Int32, filterW: Int32, filterH: Int32,
                activation: TFLite.ActivationFunctionType)
    /// FULLY_CONNECTED.
    case fullyConnected(activation: TFLite.ActivationFunctionType, keepNumDims: Bool, asymmetricQuantizeInputs: Bool)
    /// SOFTMAX.
    case softmax(beta: Float)
    /// CONCATENATION.
    case concatenation(axis: Int32, activation: TFLite.ActivationFunctionType)
    /// ADD.
    case add(activation: TFLite.ActivationFunctionType)
    /// MUL.
    case mul(activation: TFLite.ActivationFunctionType)
    /// RESHAPE with an optional new_shape field.
    case reshape(newShape: [Int32]?)
    /// PAD.
    case pad
    /// MEAN and other reducers.
    case reducer(keepDims: Bool)
    /// DEQUANTIZE.
    case dequantize
    /// QUANTIZE.
    case quantize
    /// LEAKY_RELU.
    case leakyRelu(alpha: Float)
    /// HARD_SWISH.
    case hardSwish

    /// The fused activation, where the options have one.
    public var activation: TFLite.ActivationFunctionType {
      switch self {
      case .conv2D(_, _, _, let a, _, _), .depthwiseConv2D(_, _, _, _, let a, _, _), .pool2D(_, _, _, _, _, let a),
           .fullyConnected(let a, _, _), .concatenation(_, let a), .add(let a), .mul(let a):
        return a
      default:
        return .none
      }
    }
  }

  /// One operator.
  public struct Operator {
    /// The builtin operator.
    public var code: TFLite.BuiltinOperator
    /// Input tensor indices (−1 = absent optional input).
    public var inputs: [Int32]
    /// Output tensor indices.
    public var outputs: [Int32]
    /// Builtin options.
    public var options: Options
    /// The layer (or original operator) this operator came from, for error messages and `--keep-float`.
    public var origin: String
    /// Creates an operator.
    public init(code: TFLite.BuiltinOperator, inputs: [Int32], outputs: [Int32], options: Options = .none, origin: String = "") {
      self.code = code
      self.inputs = inputs
      self.outputs = outputs
      self.options = options
      self.origin = origin
    }
  }

  /// Every tensor of the subgraph.
  public var tensors: [Tensor] = []
  /// Operators in execution order.
  public var operators: [Operator] = []
  /// Subgraph input tensor indices.
  public var inputs: [Int32] = []
  /// Subgraph output tensor indices.
  public var outputs: [Int32] = []
  /// Signature names of the inputs (`input_0`, ...).
  public var inputNames: [String] = []
  /// Signature names of the outputs (`output_0`, ...).
  public var outputNames: [String] = []
  /// The model description string.
  public var description = "Mote Converter"

  /// An empty graph.
  public init() {}

  /// Appends a tensor and returns its index.
  @discardableResult
  public mutating func add(_ t: Tensor) -> Int32 {
    tensors.append(t)
    return Int32(tensors.count - 1)
  }

  /// Appends a float32 constant.
  public mutating func addConstant(name: String, shape: [Int], floats: [Float]) -> Int32 {
    add(Tensor(name: name, shape: shape.map(Int32.init), type: .float32, data: bytes(of: floats)))
  }

  /// Appends an int32 constant.
  public mutating func addConstant(name: String, shape: [Int], ints: [Int32]) -> Int32 {
    add(Tensor(name: name, shape: shape.map(Int32.init), type: .int32, data: bytes(of: ints)))
  }

  /// The operator index producing each tensor (nil for inputs and constants).
  public var producers: [Int?] {
    var p = [Int?](repeating: nil, count: tensors.count)
    for (i, op) in operators.enumerated() { for o in op.outputs where o >= 0 { p[Int(o)] = i } }
    return p
  }

  /// The operators consuming each tensor.
  public var consumers: [[Int]] {
    var c = [[Int]](repeating: [], count: tensors.count)
    for (i, op) in operators.enumerated() { for t in op.inputs where t >= 0 { c[Int(t)].append(i) } }
    return c
  }

  /// Removes tensors no operator or subgraph input/output refers to, renumbering the rest.
  public mutating func removeUnusedTensors() {
    var used = [Bool](repeating: false, count: tensors.count)
    for op in operators { for t in op.inputs + op.outputs where t >= 0 { used[Int(t)] = true } }
    for t in inputs + outputs { used[Int(t)] = true }
    var map = [Int32](repeating: -1, count: tensors.count)
    var kept: [Tensor] = []
    for (i, t) in tensors.enumerated() where used[i] {
      map[i] = Int32(kept.count)
      kept.append(t)
    }
    tensors = kept
    func remap(_ xs: [Int32]) -> [Int32] { xs.map { $0 < 0 ? $0 : map[Int($0)] } }
    for i in operators.indices {
      operators[i].inputs = remap(operators[i].inputs)
      operators[i].outputs = remap(operators[i].outputs)
    }
    inputs = remap(inputs)
    outputs = remap(outputs)
  }
}

/// The little-endian bytes of an array of trivial values.
func bytes<T>(of values: [T]) -> [UInt8] {
  values.withUnsafeBytes { Array($0) }
}

/// Reinterprets little-endian bytes as an array of trivial values.
func values<T>(_ bytes: [UInt8], as: T.Type) -> [T] {
  bytes.withUnsafeBytes { raw in
    (0..<(raw.count / MemoryLayout<T>.stride)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.stride, as: T.self) }
  }
}
