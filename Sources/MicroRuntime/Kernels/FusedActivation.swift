/// The clamp a fused activation applies to float outputs.
public struct FloatClamp: BitwiseCopyable {
  /// Lower bound.
  public var low: Float
  /// Upper bound.
  public var high: Float

  /// No clamp (operators without a fused activation).
  public static var none: FloatClamp { FloatClamp(low: -Float.infinity, high: Float.infinity) }

  /// The clamp for a fused activation, as LiteRT's CalculateActivationRange gives it: the open
  /// ends are ±Float.greatestFiniteMagnitude, so a float overflow (or a division by zero) comes
  /// out ±3.4028235e38 as in LiteRT's builtin kernels, not ±inf; NaN passes through. TANH and
  /// SIGN_BIT are not clamps and are refused.
  public static func fused(_ a: TFLite.ActivationFunctionType, op: Int32) throws(MicroError) -> FloatClamp {
    switch a {
    case .none: return FloatClamp(low: -.greatestFiniteMagnitude, high: .greatestFiniteMagnitude)
    case .relu: return FloatClamp(low: 0, high: .greatestFiniteMagnitude)
    case .reluN1To1: return FloatClamp(low: -1, high: 1)
    case .relu6: return FloatClamp(low: 0, high: 6)
    default: throw MicroError(.invalidOption, op: op, found: Int64(a.rawValue))
    }
  }

  /// Clamps `x` (NaN passes through, as in TFLite's min/max formulation).
  @inlinable @inline(__always) public func apply(_ x: Float) -> Float {
    Swift.min(Swift.max(x, low), high)
  }
}

/// The clamp a fused activation applies to quantized outputs, in the output's integer domain.
public struct QuantizedClamp: BitwiseCopyable {
  /// Lowest output value.
  public var low: Int32
  /// Highest output value.
  public var high: Int32

  /// The range for a fused activation given the output's scale, zero point and type limits
  /// (TFLite's CalculateActivationRangeQuantized: quantize the float bounds, then intersect).
  public static func fused(_ a: TFLite.ActivationFunctionType, scale: Float, zeroPoint: Int32,
                           typeMin: Int32, typeMax: Int32, op: Int32) throws(MicroError) -> QuantizedClamp {
    func q(_ x: Float) -> Int32 {
      let v = (x / scale).rounded(.toNearestOrAwayFromZero)
      let clamped = Swift.max(Swift.min(v, 2_147_483_520), -2_147_483_520)
      return zeroPoint &+ Int32(clamped)
    }
    switch a {
    case .none: return QuantizedClamp(low: typeMin, high: typeMax)
    case .relu: return QuantizedClamp(low: Swift.max(typeMin, q(0)), high: typeMax)
    case .relu6: return QuantizedClamp(low: Swift.max(typeMin, q(0)), high: Swift.min(typeMax, q(6)))
    case .reluN1To1: return QuantizedClamp(low: Swift.max(typeMin, q(-1)), high: Swift.min(typeMax, q(1)))
    default: throw MicroError(.invalidOption, op: op, found: Int64(a.rawValue))
    }
  }
}
