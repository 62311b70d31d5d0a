// Shared machinery of the binary elementwise operators (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM,
// and PRELU's alpha broadcast): NumPy-style broadcasting up to 6-D, checked and laid out once in
// prepare, and the int8 quantization checks they all make.

/// How to walk two broadcast inputs and their output, computed in prepare: the output shape
/// (right-aligned, up to 6-D) and each input's element strides, 0 along broadcast dimensions.
public struct BroadcastLayout: BitwiseCopyable {
  /// Highest rank the binary operators handle.
  public static var maxRank: Int { 6 }
  /// Rank of the output (at least 1).
  public var rank: Int
  /// Output dimensions.
  public var shape: InlineArray<6, Int>
  /// Element strides of input A per output dimension.
  public var strideA: InlineArray<6, Int>
  /// Element strides of input B per output dimension.
  public var strideB: InlineArray<6, Int>
  /// Number of output elements.
  public var count: Int

  /// Checks that `a` and `b` broadcast together and that `output` has exactly the broadcast shape.
  public static func make(_ a: TensorView, _ b: TensorView, output: TensorView,
                          node: Node) throws(MicroError) -> BroadcastLayout {
    let rank = Swift.max(a.dims.rank, b.dims.rank)
    try checkRank(a, 0...maxRank, node)
    try checkRank(b, 0...maxRank, node)
    var out = Dims(rank: rank)
    var layout = BroadcastLayout(rank: Swift.max(rank, 1), shape: .init(repeating: 1),
                                 strideA: .init(repeating: 0), strideB: .init(repeating: 0), count: 1)
    var sa = 1
    var sb = 1
    var d = rank - 1
    while d >= 0 {
      let ia = d - (rank - a.dims.rank)
      let ib = d - (rank - b.dims.rank)
      let da = ia >= 0 ? a.dims[ia] : 1
      let db = ib >= 0 ? b.dims[ib] : 1
      if da != db && da != 1 && db != 1 {
        var e = MicroError(.broadcastIncompatible, op: node.index, tensor: b.index, expected: Int64(da), found: Int64(db))
        e.field = Int32(d)
        throw e
      }
      let n = da == 1 ? db : da
      out[d] = n
      layout.shape[d] = n
      layout.strideA[d] = da == 1 ? 0 : sa
      layout.strideB[d] = db == 1 ? 0 : sb
      sa *= da
      sb *= db
      d -= 1
    }
    try checkShape(output, out, node)
    layout.count = out.elementCount
    return layout
  }

  /// Calls `body(o, ia, ib)` for every output element index `o` in order, with the indices of
  /// the input elements it combines.
  @inlinable @inline(__always)
  public func forEach(_ body: (Int, Int, Int) -> Void) {
    if count == 0 { return }
    let inner = shape[rank - 1]
    let innerA = strideA[rank - 1]
    let innerB = strideB[rank - 1]
    var index = InlineArray<6, Int>(repeating: 0)
    var o = 0
    var baseA = 0
    var baseB = 0
    while true {
      var ia = baseA
      var ib = baseB
      for _ in 0..<inner {
        body(o, ia, ib)
        o += 1
        ia += innerA
        ib += innerB
      }
      var d = rank - 2
      while d >= 0 {
        index[d] += 1
        baseA += strideA[d]
        baseB += strideB[d]
        if index[d] < shape[d] { break }
        baseA -= strideA[d] * shape[d]
        baseB -= strideB[d] * shape[d]
        index[d] = 0
        d -= 1
      }
      if d < 0 { return }
    }
  }
}


/// Requantization parameters of an int8 binary operator (offsets are the negated input zero
/// points and the output zero point; which multipliers are used depends on the operator).
public struct BinaryQuantParams: BitwiseCopyable {
  /// Neutral parameters (zero offsets and multipliers); prepare fills them in.
  public init() {}
  /// −zero point of input A.
  public var offsetA: Int32 = 0
  /// −zero point of input B.
  public var offsetB: Int32 = 0
  /// Zero point of the output.
  public var outputOffset: Int32 = 0
  /// Rescales input A (ADD/SUB).
  public var multiplierA = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// Rescales input B (ADD/SUB).
  public var multiplierB = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// Rescales the result to the output scale.
  public var multiplierOut = QuantizedMultiplier(multiplier: 0, shift: 0)
  /// Output range after the fused activation.
  public var clamp = QuantizedClamp(low: -128, high: 127)
  /// Left shift applied to the inputs before rescaling (ADD/SUB: 20).
  public var leftShift: Int32 = 0
}

/// What every binary elementwise kernel keeps: the broadcast layout, the element type, and the
/// float clamp or int8 parameters.
public struct BinaryOpData: BitwiseCopyable {
  /// How inputs map to the output.
  public var layout: BroadcastLayout
  /// Whether the tensors are int8 (else float32).
  public var isInt8: Bool
  /// Fused activation for float.
  public var floatClamp: FloatClamp
  /// Requantization for int8.
  public var quant: BinaryQuantParams
  /// Int8 ADD without broadcasting: the tabulated fast path.
  public var s8Add: S8AddPlan? = nil
}

/// The tensors a binary kernel checked in prepare.
public struct BinaryTensors {
  /// Input A, input B and the output.
  public var a, b, output: TensorView
}

extension PrepareContext {
  /// Checks a binary elementwise node: two inputs, one output, all float32 or (when `int8`) all
  /// int8 with per-tensor quantization, shapes broadcast-compatible, output the broadcast shape.
  public func binaryTensors(_ node: Node, int8: Bool) throws(MicroError) -> (BinaryTensors, BroadcastLayout) {
    try expectCounts(node, inputs: 2...2, outputs: 1...1)
    let a = try input(node, 0)
    let b = try input(node, 1)
    let output = try output(node, 0)
    if !(int8 && a.type == .int8) { try checkType(a, .float32, node) }
    try checkSameType(a, b, node)
    try checkSameType(a, output, node)
    if a.type == .int8 {
      try checkInt8Quantization(a, node)
      try checkInt8Quantization(b, node)
      try checkInt8Quantization(output, node)
    }
    let layout = try BroadcastLayout.make(a, b, output: output, node: node)
    return (BinaryTensors(a: a, b: b, output: output), layout)
  }
}

/// Checks that an int8 tensor has per-tensor quantization per the int8 spec: one positive
/// finite scale and a zero point in [-128, 127].
public func checkInt8Quantization(_ t: TensorView, _ node: Node) throws(MicroError) {
  try check(t.isQuantized && t.scale.isFinite, .missingQuantization, node, t)
  try check(t.scaleCount <= 1, .invalidQuantization, node, t, expected: 1, found: t.scaleCount)
  try check(t.zeroPoint >= -128 && t.zeroPoint <= 127, .invalidQuantization, node, t,
            expected: 0, found: Int(t.zeroPoint))
}

/// Checks that `t` has exactly the scale and zero point of `like` (ops that pass int8 values
/// through unchanged).
public func checkSameQuantization(_ t: TensorView, _ like: TensorView, _ node: Node) throws(MicroError) {
  try check(t.scale == like.scale && t.zeroPoint == like.zeroPoint, .invalidQuantization, node, t,
            expected: Int(like.zeroPoint), found: Int(t.zeroPoint))
}

/// A float binary function the generic broadcasting loop applies.
public protocol FloatBinaryFunction {
  /// f(a, b).
  static func apply(_ a: Float, _ b: Float) -> Float
}

/// The float32 path shared by the arithmetic kernels: broadcast, apply, clamp.
extension BinaryOpData {
  @inlinable
  func evalFloat<F: FloatBinaryFunction>(_: F.Type, _ node: Node, _ ctx: EvalContext) {
    Reference.binary(F.self, a: ctx.input(node, 0).floats, b: ctx.input(node, 1).floats,
                     output: ctx.output(node, 0).floats, layout: layout, clamp: floatClamp)
  }
}

extension BinaryOpData {
  /// OpData of ADD or SUB: the float clamp, or TFLite's int8 scheme (inputs shifted left 20 bits,
  /// each rescaled by s_in / (2·max(s_a, s_b)), the sum rescaled by 2·max(s_a, s_b) / (2^20·s_out)).
  static func addSub(_ t: BinaryTensors, _ layout: BroadcastLayout,
                     _ activation: TFLite.ActivationFunctionType, _ node: Node) throws(MicroError) -> BinaryOpData {
    var data = BinaryOpData(layout: layout, isInt8: t.a.type == .int8, floatClamp: .none, quant: BinaryQuantParams())
    if !data.isInt8 {
      data.floatClamp = try FloatClamp.fused(activation, op: node.index)
      return data
    }
    let leftShift: Int32 = 20
    let twiceMaxInputScale = 2 * Double(Swift.max(t.a.scale, t.b.scale))
    data.quant.leftShift = leftShift
    data.quant.offsetA = -t.a.zeroPoint
    data.quant.offsetB = -t.b.zeroPoint
    data.quant.outputOffset = t.output.zeroPoint
    data.quant.multiplierA = try requantization(Double(t.a.scale) / twiceMaxInputScale, node, t.a)
    data.quant.multiplierB = try requantization(Double(t.b.scale) / twiceMaxInputScale, node, t.b)
    data.quant.multiplierOut = try requantization(twiceMaxInputScale / Double(Float(1 << leftShift) * t.output.scale), node, t.output)
    data.quant.clamp = try QuantizedClamp.fused(activation, scale: t.output.scale, zeroPoint: t.output.zeroPoint,
                                                typeMin: -128, typeMax: 127, op: node.index)
    return data
  }
}

// MARK: - Unary elementwise helpers (activations, QUANTIZE, DEQUANTIZE)

extension PrepareContext {
  /// Checks a unary elementwise node: one input, one output of the same shape.
  public func unaryTensors(_ node: Node) throws(MicroError) -> (input: TensorView, output: TensorView) {
    try expectCounts(node, inputs: 1...1, outputs: 1...1)
    let input = try input(node, 0)
    let output = try output(node, 0)
    try checkShape(output, input.dims, node)
    return (input, output)
  }
}

/// Checks that an int8 output has the fixed quantization an operator requires (scale within
/// 1e-6 of `scale`, as LiteRT accepts, and exactly `zeroPoint`).
public func checkFixedOutputQuantization(_ t: TensorView, scale: Float, zeroPoint: Int32, _ node: Node) throws(MicroError) {
  try check(t.zeroPoint == zeroPoint, .fixedOutputQuantization, node, t, expected: Int(zeroPoint), found: Int(t.zeroPoint))
  try check(Swift.abs(t.scale - scale) <= 1e-6, .fixedOutputQuantization, node, t,
            expected: Int(1 / scale), found: t.scale > 0 && (1 / t.scale) < 1e18 ? Int((1 / t.scale).rounded()) : -1)
}

/// A 256-entry int8 → int8 lookup table, indexed by the input's bit pattern.
public struct Int8Table: BitwiseCopyable {
  /// Entry `UInt8(bitPattern: x)` is f(x).
  public var values: InlineArray<256, Int8>

  /// Tabulates `transform` between two int8 quantizations as LiteRT does: dequantize in float,
  /// transform, multiply by 1/s_out, round half away from zero, add the zero point, saturate.
  public init(inputScale: Float, inputZeroPoint: Int32, outputScale: Float, outputZeroPoint: Int32,
              _ transform: (Float) -> Float) {
    values = .init(repeating: 0)
    let inverseScale = 1 / outputScale
    for v in -128...127 {
      let x = inputScale * Float(Int32(v) - inputZeroPoint)
      let rescaled = (transform(x) * inverseScale).rounded(.toNearestOrAwayFromZero)
      let q = MicroMath.roundToInt32(rescaled + Float(outputZeroPoint))
      values[Int(UInt8(bitPattern: Int8(v)))] = Int8(Swift.min(Swift.max(q, -128), 127))
    }
  }

  /// Maps every element of `input` through the table.
  @inlinable
  public func apply(_ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int) {
    for i in 0..<count { output[i] = values[Int(UInt8(bitPattern: input[i]))] }
  }
}
