import Foundation

/// One epoch's numbers for the training-curves plot.
public struct EpochPoint: Equatable {
  /// Mean training loss.
  public var trainLoss: Double
  /// Training accuracy in [0, 1].
  public var trainAccuracy: Double
  /// Test loss.
  public var testLoss: Double
  /// Test accuracy in [0, 1].
  public var testAccuracy: Double

  /// Makes a point.
  public init(trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double) {
    self.trainLoss = trainLoss
    self.trainAccuracy = trainAccuracy
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
  }
}

/// Draws loss and accuracy per epoch as a standalone SVG (two panels, train and test lines), so
/// training curves can be looked at in any browser without TensorBoard.
public enum CurvesPlot {
  /// Panel geometry: each panel is `width` × `height` with a `margin` for axes and labels.
  static let width = 420.0, height = 260.0, margin = 44.0

  /// The x coordinate of epoch `i` (0-based) out of `count` within a panel starting at `left`.
  static func x(_ i: Int, _ count: Int, left: Double) -> Double {
    let span = width - 2 * margin
    return left + margin + (count <= 1 ? 0 : span * Double(i) / Double(count - 1))
  }

  /// The y coordinate of `value` on an axis from `low` to `high`.
  static func y(_ value: Double, low: Double, high: Double) -> Double {
    let span = height - 2 * margin
    let t = high > low ? (value - low) / (high - low) : 0
    return margin + span * (1 - min(max(t, 0), 1))
  }

  static func format(_ v: Double) -> String { String(format: "%.1f", v) }

  /// The SVG document for `points` (one per epoch) and a title.
  public static func svg(_ points: [EpochPoint], title: String) -> String {
    let n = points.count
    let lossHigh = max(points.map { max($0.trainLoss, $0.testLoss) }.max() ?? 1, 1e-6)
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(2 * width))" height="\(Int(height + 30))" font-family="sans-serif" font-size="11">
      <text x="10" y="18" font-size="14">\(title.replacingOccurrences(of: "<", with: "&lt;"))</text>

      """
    func panel(left: Double, name: String, low: Double, high: Double, train: [Double], test: [Double]) {
      let top = 30.0
      out += "<g transform=\"translate(0,\(format(top)))\">\n"
      out += "<rect x=\"\(format(left + margin))\" y=\"\(format(margin))\" width=\"\(format(width - 2 * margin))\" height=\"\(format(height - 2 * margin))\" fill=\"none\" stroke=\"#888\"/>\n"
      out += "<text x=\"\(format(left + margin))\" y=\"\(format(margin - 8))\">\(name)</text>\n"
      for k in 0...4 {
        let v = low + (high - low) * Double(k) / 4
        let yy = y(v, low: low, high: high)
        out += "<text x=\"\(format(left + margin - 6))\" y=\"\(format(yy + 4))\" text-anchor=\"end\">\(String(format: "%.3g", v))</text>\n"
      }
      out += "<text x=\"\(format(left + width / 2))\" y=\"\(format(height - margin + 28))\" text-anchor=\"middle\">epoch (1–\(n))</text>\n"
      for (series, color, label, dy) in [(train, "#1f77b4", "train", 0.0), (test, "#d62728", "test", 14.0)] {
        let pts = series.enumerated().map { "\(format(x($0.offset, n, left: left))),\(format(y($0.element, low: low, high: high)))" }
        out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(pts.joined(separator: " "))\"/>\n"
        out += "<text x=\"\(format(left + width - margin - 40))\" y=\"\(format(margin + 14 + dy))\" fill=\"\(color)\">\(label)</text>\n"
      }
      out += "</g>\n"
    }
    panel(left: 0, name: "loss", low: 0, high: lossHigh, train: points.map(\.trainLoss), test: points.map(\.testLoss))
    panel(left: width, name: "accuracy", low: 0, high: 1, train: points.map(\.trainAccuracy), test: points.map(\.testAccuracy))
    out += "</svg>\n"
    return out
  }
}
