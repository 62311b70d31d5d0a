/// A histogram of observed values over a fixed number of equal bins; the bin range grows (by
/// merging into a wider histogram) when new values fall outside it. Proposes a clipped range by
/// percentile or by minimizing the int8 quantization error.
public struct HistogramObserver: Observer {
  /// How the range is chosen from the histogram.
  public enum Method: Equatable, Sendable {
    /// The full observed range.
    case minMax
    /// Clip to the given lower and upper percentiles (e.g. 0.01 and 99.99).
    case percentile(lower: Double, upper: Double)
    /// The range whose int8 quantization has the least expected squared error.
    case mse
  }

  /// The range-selection method.
  public var method: Method
  /// The bin counts.
  public private(set) var counts: [Double]
  /// The lower edge of bin 0.
  public private(set) var lowerEdge: Float = 0
  /// The upper edge of the last bin.
  public private(set) var upperEdge: Float = 0
  private var seen = false

  /// An empty histogram with `bins` bins.
  public init(bins: Int = 2048, method: Method = .mse) {
    self.method = method
    counts = [Double](repeating: 0, count: bins)
  }

  /// Adds values, widening the histogram first when they leave its range.
  public mutating func observe(_ values: UnsafeBufferPointer<Float>) {
    var mm = MinMaxObserver()
    mm.observe(values)
    guard let r = mm.range else { return }
    if !seen {
      // Constant data still gets a non-empty, finite range: one representable step wide at least.
      lowerEdge = r.min
      upperEdge = r.max > r.min ? r.max : Swift.max(r.min + 1e-6, r.min.nextUp)
      if !upperEdge.isFinite { (lowerEdge, upperEdge) = (r.min.nextDown, r.min) }
      seen = true
    } else if r.min < lowerEdge || r.max > upperEdge {
      rebin(lower: Swift.min(lowerEdge, r.min), upper: Swift.max(upperEdge, r.max))
    }
    let width = binWidth
    for v in values where v.isFinite { counts[bin(of: Double(v), lower: lowerEdge, width: width)] += 1 }
  }

  /// The bin of `v` in a histogram starting at `lower` with bins `width` wide (clamped). Edge
  /// arithmetic is in Double: the span of two finite Floats (up to ±3.4e38) always fits, so no
  /// Float overflow or NaN.
  private func bin(of v: Double, lower: Float, width: Double) -> Int {
    let x = (v - Double(lower)) / width
    return x.isNaN ? 0 : Int(Swift.min(Swift.max(x, 0), Double(counts.count - 1)))
  }

  /// The width of one bin.
  private var binWidth: Double { (Double(upperEdge) - Double(lowerEdge)) / Double(counts.count) }

  /// Redistributes the counts over [lower, upper] (each old bin goes to the new bin of its center).
  private mutating func rebin(lower: Float, upper: Float) {
    let oldWidth = binWidth
    let newWidth = (Double(upper) - Double(lower)) / Double(counts.count)
    var fresh = [Double](repeating: 0, count: counts.count)
    for (i, c) in counts.enumerated() where c > 0 {
      fresh[bin(of: Double(lowerEdge) + (Double(i) + 0.5) * oldWidth, lower: lower, width: newWidth)] += c
    }
    counts = fresh
    lowerEdge = lower
    upperEdge = upper
  }

  /// The value below which `p` percent of the observations lie (linear inside a bin).
  public func percentile(_ p: Double) -> Float {
    let total = counts.reduce(0, +)
    let target = total * p / 100
    let width = binWidth
    var acc = 0.0
    for (i, c) in counts.enumerated() {
      if acc + c >= target && c > 0 {
        let frac = (target - acc) / c
        return Float(Swift.min(Double(upperEdge), Double(lowerEdge) + (Double(i) + frac) * width))
      }
      acc += c
    }
    return upperEdge
  }

  /// Expected squared error of int8-quantizing the histogram with range [lo, hi]: clipping error for
  /// values outside, uniform rounding error (step²/12) for values inside.
  public func quantizationError(min lo: Float, max hi: Float) -> Double {
    let p = QuantParams.int8Asymmetric(min: lo, max: hi)
    let range = p.int8Range
    let step = Double(p.scale)
    let width = binWidth
    var err = 0.0
    for (i, c) in counts.enumerated() where c > 0 {
      let center = Double(lowerEdge) + (Double(i) + 0.5) * width
      if center < Double(range.lowerBound) {
        err += c * (Double(range.lowerBound) - center) * (Double(range.lowerBound) - center)
      } else if center > Double(range.upperBound) {
        err += c * (center - Double(range.upperBound)) * (center - Double(range.upperBound))
      } else {
        err += c * step * step / 12
      }
    }
    return err
  }

  /// The range by the chosen method.
  public var range: (min: Float, max: Float)? {
    guard seen else { return nil }
    switch method {
    case .minMax:
      return (lowerEdge, upperEdge)
    case .percentile(let lower, let upper):
      return (percentile(lower), percentile(upper))
    case .mse:
      // Shrink both ends in steps of 1/128 of the range and keep the best candidate.
      var best = (lowerEdge, upperEdge)
      var bestErr = quantizationError(min: lowerEdge, max: upperEdge)
      let span = Double(upperEdge) - Double(lowerEdge)
      for lowStep in 0..<64 {
        for highStep in 0..<64 {
          let lo = Float(Double(lowerEdge) + span * Double(lowStep) / 128)
          let hi = Float(Double(upperEdge) - span * Double(highStep) / 128)
          if hi <= lo { continue }
          let e = quantizationError(min: lo, max: hi)
          if e < bestErr {
            bestErr = e
            best = (lo, hi)
          }
        }
      }
      return best
    }
  }
}
