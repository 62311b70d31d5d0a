import MicroRuntime

/// Affine quantization parameters of one tensor (or one channel): real = scale · (q − zeroPoint).
public struct QuantParams: Equatable, Sendable {
  /// The real value of one quantization step.
  public var scale: Float
  /// The integer that represents real 0 exactly.
  public var zeroPoint: Int32

  /// Wraps a scale and a zero point.
  public init(scale: Float, zeroPoint: Int32) {
    self.scale = scale
    self.zeroPoint = zeroPoint
  }

  /// The fixed output parameters TFLite's int8 SOFTMAX and LOGISTIC kernels require: 1/256, −128.
  public static let int8Probability = QuantParams(scale: 1.0 / 256.0, zeroPoint: -128)
  /// The fixed output parameters TFLite's int8 TANH kernel requires: 1/128, 0.
  public static let int8Tanh = QuantParams(scale: 1.0 / 128.0, zeroPoint: 0)

  /// Asymmetric int8 parameters covering [min, max] (extended to contain 0), with the zero point
  /// nudged to an integer so that real 0 is exactly representable (TensorFlow's rule:
  /// scale = (max − min)/255, zero point = round(−128 − min/scale) clamped to [−128, 127]).
  public static func int8Asymmetric(min: Float, max: Float) -> QuantParams {
    affine(min: min, max: max, qmin: -128, qmax: 127)
  }

  /// Asymmetric parameters for the integer range [qmin, qmax] covering [min, max] ∪ {0}.
  public static func affine(min: Float, max: Float, qmin: Int32, qmax: Int32) -> QuantParams {
    let lo = Double(Swift.min(min, 0))
    let hi = Double(Swift.max(max, 0))
    if hi - lo <= 0 || !(hi - lo).isFinite { return QuantParams(scale: 1, zeroPoint: 0) }
    let scale = (hi - lo) / Double(qmax - qmin)
    let zeroFromMin = Double(qmin) - lo / scale
    let zero: Int32
    if zeroFromMin <= Double(qmin) {
      zero = qmin
    } else if zeroFromMin >= Double(qmax) {
      zero = qmax
    } else {
      zero = Int32(zeroFromMin.rounded(.toNearestOrAwayFromZero))
    }
    return QuantParams(scale: Float(scale), zeroPoint: zero)
  }

  /// Symmetric parameters (zero point 0) mapping [−absMax, absMax] onto [−qmax, qmax]; a zero
  /// range gets scale 1 so every value quantizes to 0.
  public static func symmetric(absMax: Float, qmax: Int32 = 127) -> QuantParams {
    absMax > 0 && absMax.isFinite ? QuantParams(scale: absMax / Float(qmax), zeroPoint: 0) : QuantParams(scale: 1, zeroPoint: 0)
  }

  /// Quantizes one real value: round(x / scale) + zeroPoint (ties away from zero), clamped. NaN
  /// (which the converter refuses before quantizing: TFLiteGraph.checkQuantizable) gives the zero
  /// point rather than a trap.
  public func quantize(_ x: Float, qmin: Int32 = -128, qmax: Int32 = 127) -> Int32 {
    let q = (Double(x) / Double(scale)).rounded(.toNearestOrAwayFromZero) + Double(zeroPoint)
    return q.isNaN ? zeroPoint : Int32(Swift.min(Swift.max(q, Double(qmin)), Double(qmax)))
  }

  /// The real value an integer stands for.
  public func dequantize(_ q: Int32) -> Float { scale * Float(q - zeroPoint) }

  /// The real interval the int8 range [−128, 127] covers.
  public var int8Range: ClosedRange<Float> { dequantize(-128)...dequantize(127) }
}

/// The requantization multiplier of a conv / fully-connected output: input scale × weight scale /
/// output scale as a Q31 multiplier and shift, computed with MicroRuntime's own fixed-point code so
/// the host and the device round identically.
public func requantizationMultiplier(inputScale: Float, weightScale: Float, outputScale: Float) -> QuantizedMultiplier {
  QuantizedMultiplier(Double(inputScale) * Double(weightScale) / Double(outputScale))
}

/// Applies a requantization step to an int32 accumulator the way TFLite's int8 kernels do:
/// multiply by the quantized multiplier, add the output zero point, clamp to int8.
public func requantize(_ accumulator: Int32, _ multiplier: QuantizedMultiplier, outputZeroPoint: Int32) -> Int8 {
  let v = multiplier.apply(accumulator) &+ outputZeroPoint
  return Int8(Swift.min(Swift.max(v, -128), 127))
}
