/// Quantized weights: int8 values plus one scale per channel (or one for the whole tensor).
public struct QuantizedWeights: Equatable, Sendable {
  /// Int8 values in the layout of the float input.
  public var values: [Int8]
  /// One scale per channel along `axis` (a single scale for per-tensor quantization).
  public var scales: [Float]
  /// The channel axis (0 for per-tensor).
  public var axis: Int
}

/// Symmetric int8 weight quantization as TFLite expects it: zero point 0, values in −127…127.
public enum WeightQuantizer {
  /// Quantizes `values` of `shape` per channel along `axis`: each channel's scale is max|w| / 127.
  public static func perChannel(_ values: [Float], shape: [Int], axis: Int) -> QuantizedWeights {
    precondition(axis >= 0 && axis < shape.count && shape.reduce(1, *) == values.count, "bad weight shape")
    let channels = shape[axis]
    let inner = shape[(axis + 1)...].reduce(1, *)
    var absMax = [Float](repeating: 0, count: channels)
    for (i, v) in values.enumerated() {
      let c = (i / inner) % channels
      absMax[c] = max(absMax[c], abs(v))
    }
    let params = absMax.map { QuantParams.symmetric(absMax: $0) }
    var q = [Int8](repeating: 0, count: values.count)
    for (i, v) in values.enumerated() {
      q[i] = Int8(params[(i / inner) % channels].quantize(v, qmin: -127, qmax: 127))
    }
    return QuantizedWeights(values: q, scales: params.map(\.scale), axis: axis)
  }

  /// Quantizes `values` with one symmetric scale max|w| / 127.
  public static func perTensor(_ values: [Float]) -> QuantizedWeights {
    let p = QuantParams.symmetric(absMax: values.reduce(0) { max($0, abs($1)) })
    return QuantizedWeights(values: values.map { Int8(p.quantize($0, qmin: -127, qmax: 127)) }, scales: [p.scale], axis: 0)
  }

  /// Quantizes a bias to int32 with scale inputScale × weightScale[c] (zero point 0), as TFLite's
  /// int8 conv and fully-connected kernels read it; `weightScales` has one entry or one per channel.
  public static func bias(_ values: [Float], inputScale: Float, weightScales: [Float]) -> (values: [Int32], scales: [Float]) {
    var out = [Int32](repeating: 0, count: values.count)
    var scales = [Float](repeating: 0, count: values.count)
    for (c, b) in values.enumerated() {
      let s = Float(Double(inputScale) * Double(weightScales.count == 1 ? weightScales[0] : weightScales[c]))
      scales[c] = s
      let q = s > 0 ? (Double(b) / Double(s)).rounded(.toNearestOrAwayFromZero) : 0
      out[c] = q.isNaN ? 0 : Int32(min(max(q, Double(Int32.min)), Double(Int32.max)))  // NaN: refused upstream
    }
    return (out, scales)
  }
}
