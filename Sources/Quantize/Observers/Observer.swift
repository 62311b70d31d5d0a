/// Watches the values a tensor takes over calibration and proposes a real range to quantize.
public protocol Observer {
  /// Folds one batch of observed values into the statistics.
  mutating func observe(_ values: UnsafeBufferPointer<Float>)
  /// The range to quantize, or nil when nothing was observed.
  var range: (min: Float, max: Float)? { get }
}

extension Observer {
  /// Observes an array of values.
  public mutating func observe(_ values: [Float]) { values.withUnsafeBufferPointer { observe($0) } }
}

/// The running minimum and maximum of everything seen (TensorFlow's default calibration).
public struct MinMaxObserver: Observer {
  private var lo = Float.infinity
  private var hi = -Float.infinity
  /// An observer that has seen nothing.
  public init() {}
  /// Updates the extremes.
  public mutating func observe(_ values: UnsafeBufferPointer<Float>) {
    for v in values where v.isFinite {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
  }
  /// The extremes seen so far.
  public var range: (min: Float, max: Float)? { lo <= hi ? (lo, hi) : nil }
}

/// An exponential moving average of each batch's minimum and maximum (PyTorch's
/// MovingAverageMinMaxObserver): the first batch sets the range, later ones move it by `averagingConstant`.
public struct MovingAverageMinMaxObserver: Observer {
  /// Weight of the newest batch.
  public let averagingConstant: Float
  private var current: (min: Float, max: Float)?
  /// An observer with the given averaging constant (0 < c ≤ 1).
  public init(averagingConstant: Float = 0.01) { self.averagingConstant = averagingConstant }
  /// Moves the range toward this batch's extremes.
  public mutating func observe(_ values: UnsafeBufferPointer<Float>) {
    var batch = MinMaxObserver()
    batch.observe(values)
    guard let b = batch.range else { return }
    if let c = current {
      current = (c.min + averagingConstant * (b.min - c.min), c.max + averagingConstant * (b.max - c.max))
    } else {
      current = b
    }
  }
  /// The averaged range.
  public var range: (min: Float, max: Float)? { current }
}
