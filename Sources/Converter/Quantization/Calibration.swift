import MicroRuntime
import Quantize

/// How activation ranges are chosen from calibration data.
public enum ObserverKind: String, CaseIterable, Sendable {
  /// Running min / max (TensorFlow's default).
  case minmax
  /// Moving-average min / max over samples.
  case movingAverage = "moving-average"
  /// Histogram, 0.01 / 99.99 percentiles.
  case percentile
  /// Histogram, MSE-optimal range.
  case mse

  /// A fresh observer of this kind.
  func make() -> any Observer {
    switch self {
    case .minmax: return MinMaxObserver()
    case .movingAverage: return MovingAverageMinMaxObserver(averagingConstant: 0.01)
    case .percentile: return HistogramObserver(bins: 2048, method: .percentile(lower: 0.01, upper: 99.99))
    case .mse: return HistogramObserver(bins: 2048, method: .mse)
    }
  }
}

/// Calibration: runs a float model in MicroRuntime one operator at a time over every sample and
/// feeds every float activation tensor (inputs included) to an observer.
public enum Calibrator {
  /// The observed range of each tensor index (nil for constants and tensors never computed).
  public static func ranges(of graph: TFLiteGraph, samples: [[Float]], observer: ObserverKind = .minmax) throws -> [(min: Float, max: Float)?] {
    guard !samples.isEmpty else { throw ConverterError("calibration needs at least one sample") }
    let runner = try MicroModel(bytes: TFLiteWriter.serialize(graph))
    var observers: [(any Observer)?] = graph.tensors.map { $0.isConstant || $0.type != .float32 ? nil : observer.make() }
    func observe(_ t: Int32) {
      guard t >= 0, observers[Int(t)] != nil else { return }
      let v = runner.floats(tensor: t)
      v.withUnsafeBufferPointer { observers[Int(t)]!.observe($0) }
    }
    for s in samples {
      try runner.setInput(0, floats: s)
      for t in graph.inputs { observe(t) }
      for (i, op) in graph.operators.enumerated() {
        try runner.invokeOperator(i)
        for t in op.outputs { observe(t) }
      }
    }
    return observers.map { $0?.range }
  }
}
