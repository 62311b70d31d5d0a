import TrainCore
import XCTest

final class CurvesPlotTests: XCTestCase {
  /// Coordinates follow from the panel geometry by hand: 420×260 panels, 44-pixel margins, so the
  /// plot spans x 44…376 and y 44 (top, high values)…216 (bottom, low values).
  func testPointsLandWhereTheAxesSay() {
    let points = [
      EpochPoint(trainLoss: 2, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.25),
      EpochPoint(trainLoss: 1, trainAccuracy: 1.0, testLoss: 0, testAccuracy: 0.75),
    ]
    let svg = CurvesPlot.svg(points, title: "t")
    // Loss panel (0…2): train (2 → y 44) then (1 → y 130); test (1 → 130) then (0 → 216).
    XCTAssertTrue(svg.contains("points=\"44.0,44.0 376.0,130.0\""), svg)
    XCTAssertTrue(svg.contains("points=\"44.0,130.0 376.0,216.0\""), svg)
    // Accuracy panel (0…1) starts at x 420 + 44: train 0.5 → 130, 1.0 → 44.
    XCTAssertTrue(svg.contains("points=\"464.0,130.0 796.0,44.0\""), svg)
    XCTAssertTrue(svg.hasPrefix("<svg"))
    XCTAssertTrue(svg.hasSuffix("</svg>\n"))
  }
}
