import Foundation
import MicroRuntime

/// Per-layer error of a quantized model against its float source on calibration samples: both
/// run in MicroRuntime one operator at a time, and every float activation is compared with the
/// (dequantized) tensor of the same name in the quantized model.
public struct QuantizationReport {
  /// The error statistics of one tensor.
  public struct Row {
    /// The layer (operator origin) that produced the tensor.
    public var layer: String
    /// The tensor name.
    public var tensor: String
    /// Largest absolute difference.
    public var maxAbsError: Float
    /// Root-mean-square difference.
    public var rmsError: Float
    /// Signal-to-quantization-noise ratio in dB (10·log10(Σx² / Σ(x − q)²)).
    public var sqnrDB: Float
  }

  /// One row per compared tensor, in execution order.
  public var rows: [Row] = []

  /// Compares `quantized` with `float` on `samples`.
  public init(float: TFLiteGraph, quantized: TFLiteGraph, samples: [[Float]]) throws {
    let f = try MicroModel(bytes: TFLiteWriter.serialize(float))
    let q = try MicroModel(bytes: TFLiteWriter.serialize(quantized))
    var byName: [String: Int32] = [:]
    for (i, t) in quantized.tensors.enumerated() where !t.isConstant { byName[t.name] = Int32(i) }
    let qInput = quantized.tensors[Int(quantized.inputs[0])]
    var pairs: [(layer: String, tensor: String, f: Int32, q: Int32)] = []
    for op in float.operators {
      for o in op.outputs where float.tensors[Int(o)].type == .float32 {
        if let qi = byName[float.tensors[Int(o)].name] { pairs.append((op.origin, float.tensors[Int(o)].name, o, qi)) }
      }
    }
    var sumSq = [Double](repeating: 0, count: pairs.count)
    var sumErr = [Double](repeating: 0, count: pairs.count)
    var maxErr = [Float](repeating: 0, count: pairs.count)
    var counts = [Int](repeating: 0, count: pairs.count)
    for s in samples {
      try f.setInput(0, floats: s)
      if qInput.type == .int8, let p = qInput.quantization {
        let zp = Int32(p.zeroPoint[0])
        try q.setInput(0, bytes: s.map { UInt8(bitPattern: Int8(max(-128, min(127, Int32(($0 / p.scale[0]).rounded(.toNearestOrAwayFromZero)) + zp)))) })
      } else {
        try q.setInput(0, floats: s)
      }
      // Run both to the end, then read every pair; outputs may share arena memory with later
      // tensors, so compare operator by operator instead.
      var qDone = 0
      var fOp = 0
      let qProducer = quantized.producers
      for (k, pair) in pairs.enumerated() {
        while fOp < float.operators.count {
          try f.invokeOperator(fOp)
          fOp += 1
          if float.operators[fOp - 1].outputs.contains(pair.f) { break }
        }
        if let target = qProducer[Int(pair.q)] {
          while qDone <= target {
            try q.invokeOperator(qDone)
            qDone += 1
          }
        }
        let a = f.floats(tensor: pair.f)
        let b = q.floats(tensor: pair.q)
        guard a.count == b.count else { continue }
        for (x, y) in zip(a, b) {
          sumSq[k] += Double(x) * Double(x)
          sumErr[k] += Double(x - y) * Double(x - y)
          maxErr[k] = max(maxErr[k], abs(x - y))
        }
        counts[k] += a.count
      }
    }
    rows = pairs.indices.map { k in
      let rms = counts[k] > 0 ? Float((sumErr[k] / Double(counts[k])).squareRoot()) : 0
      let sqnr = sumErr[k] > 0 ? Float(10 * log10(sumSq[k] / sumErr[k])) : .infinity
      return Row(layer: pairs[k].layer, tensor: pairs[k].tensor, maxAbsError: maxErr[k], rmsError: rms, sqnrDB: sqnr)
    }
  }

  /// The report as aligned text lines.
  public var text: String {
    var lines = ["layer                          max_abs_err   rms_err       sqnr_db"]
    for r in rows {
      let name = r.layer.count > 30 ? String(r.layer.prefix(30)) : r.layer.padding(toLength: 30, withPad: " ", startingAt: 0)
      lines.append(String(format: "%@ %-13.6g %-13.6g %.2f", name, r.maxAbsError, r.rmsError, r.sqnrDB))
    }
    return lines.joined(separator: "\n")
  }
}
